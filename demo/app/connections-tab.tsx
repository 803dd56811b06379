"use client";

import { useEffect, useId, useState } from "react";
import type { DemoFaultState } from "@/lib/faults";
import { ConnectionRows, call } from "./faults-panel";

/**
 * The host's Settings tab, reduced to its Connections page: where the planner's "Connect Gmail again" link
 * (`connectHref`) leads. Connecting again makes a new connected account in the local Composio sandbox; the trigger
 * then takes it with Reconnect (its edit dialog) in the Planner tab.
 */
export function ConnectionsTab() {
  const id = useId();
  const [focus, setFocus] = useState<string | null>(null);
  const [state, setState] = useState<DemoFaultState | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let cancelled = false;
    call().then(
      (next) => {
        if (cancelled) return;
        // ?connect=gmail: the app the planner's "Connect again" link asks about.
        setFocus(new URLSearchParams(window.location.search).get("connect"));
        setState(next);
      },
      (error: unknown) => !cancelled && setNote({ ok: false, text: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const change = async (toolkit: string, connection: "break" | "restore") => {
    setBusy(true);
    try {
      const next = await call({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ toolkit, connection }) });
      setState(next);
      setNote({ ok: true, text: next.message ?? "" });
    } catch (error) {
      setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const asked = state?.connections?.find((connection) => connection.toolkit === focus);
  return (
    <section aria-labelledby={`${id}-title`} className="host-list">
      <div className="host-list-header">
        <h2 id={`${id}-title`}>Connections</h2>
        <p className="demo-muted">The apps this agent acts in for you. An expired connection stops the triggers that use it until you connect again and pick the new account with Reconnect.</p>
      </div>
      {asked && !asked.connected ? <p className="demo-error">{asked.name} needs to be connected again.</p> : null}
      <div className="demo-card">
        {state === null ? (
          note ? null : (
            <p className="demo-muted" role="status">
              Loading connections…
            </p>
          )
        ) : state.connections ? (
          <ConnectionRows connections={state.connections} labelledBy={`${id}-title`} busy={busy} onChange={(toolkit, connection) => void change(toolkit, connection)} />
        ) : (
          <p className="demo-muted">This demo talks to real Composio: manage connections in Composio.</p>
        )}
        <p role="status" className={note && !note.ok ? "demo-error" : "demo-muted"}>
          {note?.text ?? ""}
        </p>
      </div>
    </section>
  );
}
