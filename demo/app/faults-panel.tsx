"use client";

import { useEffect, useId, useState } from "react";
import { CHAT_FAULTS, CHAT_FAULT_TEXT, SCHEDULER_FAULTS, SCHEDULER_FAULT_TEXT, WORKFLOW_FAULTS, WORKFLOW_FAULT_TEXT, type DemoConnection, type DemoFaultState } from "@/lib/faults";

type Loaded = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; state: DemoFaultState };
type Change = { chat: string } | { workflow: string } | { scheduler: string } | { toolkit: string; connection: "break" | "restore" };

export async function call(init?: RequestInit): Promise<DemoFaultState> {
  const res = await fetch("/api/demo/faults", { cache: "no-store", ...init });
  const body = (await res.json()) as DemoFaultState | { message?: string };
  if (!res.ok) throw new Error(body.message ?? `The demo server answered ${res.status}.`);
  return body as DemoFaultState;
}

/**
 * Demo only: makes the demo host's executors fail on purpose (a workflow that fails, a chat that starts and then
 * fails) and breaks or restores the demo user's app connections, so the planner's error states can be seen.
 */
export function FaultsPanel() {
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    call().then(
      (state) => !cancelled && setLoaded({ kind: "ready", state }),
      (error: unknown) => !cancelled && setLoaded({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const change = async (body: Change) => {
    setBusy(true);
    try {
      const state = await call({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      setLoaded({ kind: "ready", state });
      setNote({ ok: true, text: state.message ?? "" });
    } catch (error) {
      setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="demo-card simulate faults" aria-labelledby={`${id}-title`}>
      <div className="simulate-header">
        <h2 id={`${id}-title`}>Fault modes</h2>
        <span className="agent-pill">Demo only</span>
      </div>
      <p className="demo-muted">
        Makes the demo host fail on purpose, so the planner&apos;s error states can be seen: failed runs, the attention banner, red cards. Everything works normally again when the
        demo restarts.
      </p>
      {loaded.kind === "loading" ? (
        <p className="demo-muted" role="status">
          Loading fault modes…
        </p>
      ) : loaded.kind === "error" ? (
        <p className="demo-error" role="alert">
          Could not load the fault modes: {loaded.message}
        </p>
      ) : (
        <div className="faults-body">
          <div className="faults-modes">
            <label htmlFor={`${id}-chat`}>Chats the planner starts</label>
            <select id={`${id}-chat`} value={loaded.state.chat} disabled={busy} onChange={(event) => void change({ chat: event.target.value })}>
              {CHAT_FAULTS.map((mode) => (
                <option key={mode} value={mode}>
                  {CHAT_FAULT_TEXT[mode]}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-workflow`}>Workflows the planner runs</label>
            <select id={`${id}-workflow`} value={loaded.state.workflow} disabled={busy} onChange={(event) => void change({ workflow: event.target.value })}>
              {WORKFLOW_FAULTS.map((mode) => (
                <option key={mode} value={mode}>
                  {WORKFLOW_FAULT_TEXT[mode]}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-scheduler`}>The scheduler</label>
            <select id={`${id}-scheduler`} value={loaded.state.scheduler} disabled={busy} onChange={(event) => void change({ scheduler: event.target.value })}>
              {SCHEDULER_FAULTS.map((mode) => (
                <option key={mode} value={mode}>
                  {SCHEDULER_FAULT_TEXT[mode]}
                </option>
              ))}
            </select>
          </div>
          {loaded.state.connections ? (
            <section aria-labelledby={`${id}-connections`}>
              <h3 id={`${id}-connections`} className="faults-subtitle">
                App connections
              </h3>
              <ConnectionRows connections={loaded.state.connections} labelledBy={`${id}-connections`} busy={busy} onChange={(toolkit, connection) => void change({ toolkit, connection })} />
            </section>
          ) : (
            <p className="demo-muted">Connections can be broken only with the local Composio sandbox.</p>
          )}
        </div>
      )}
      <p role="status" className={note && !note.ok ? "demo-error" : "demo-muted"}>
        {note?.text ?? ""}
      </p>
    </aside>
  );
}

/** The demo user's app connections with Break / Connect again: in the Fault modes panel and the host's Settings tab. */
export function ConnectionRows({
  connections,
  labelledBy,
  busy,
  onChange,
}: {
  connections: DemoConnection[];
  labelledBy: string;
  busy: boolean;
  onChange: (toolkit: string, connection: "break" | "restore") => void;
}) {
  return (
    <ul className="faults-connections" aria-labelledby={labelledBy}>
      {connections.map((connection) => (
        <li key={connection.toolkit} data-connected={connection.connected}>
          <span className="faults-connection-name">{connection.name}</span>
          <span className={connection.connected ? "demo-muted" : "demo-error"}>{connection.connected ? "Connected" : "Connection expired"}</span>
          <button type="button" className="demo-button demo-button-outline" disabled={busy} onClick={() => onChange(connection.toolkit, connection.connected ? "break" : "restore")}>
            {connection.connected ? `Break ${connection.name} connection` : `Connect ${connection.name} again`}
          </button>
        </li>
      ))}
    </ul>
  );
}
