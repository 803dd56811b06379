"use client";

import { useId, useState } from "react";
import type { SimulatableTrigger } from "@/lib/samples";
import { usePolledList } from "./use-polled";

type Result = { kind: "idle" } | { kind: "sending" } | { kind: "done"; ok: boolean; message: string };

/**
 * Demo only: asks the local Composio sandbox to emit an event for one of the agent's triggers, so the whole
 * path — Composio-signed webhook → route → engine → chat or workflow run — can be watched in the browser.
 */
export function SimulateEventPanel() {
  const id = useId();
  const triggers = usePolledList<SimulatableTrigger>("/api/demo/triggers", 3000);
  const items = triggers.status === "loading" ? [] : (triggers.items ?? []);
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Edited payloads by trigger; an untouched trigger shows its sample event.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Result>({ kind: "idle" });
  const selected = items.find((t) => t.id === chosenId) ?? items[0];
  const payload = selected ? (drafts[selected.id] ?? JSON.stringify(selected.sample, null, 2)) : "";
  const setPayload = (text: string | undefined) => {
    if (!selected) return;
    const id = selected.id;
    setDrafts((prev) => {
      const next = { ...prev };
      if (text === undefined) delete next[id];
      else next[id] = text;
      return next;
    });
  };

  let parseError: string | null = null;
  try {
    const parsed: unknown = payload.trim() ? JSON.parse(payload) : {};
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) parseError = "The payload must be a JSON object.";
  } catch (error) {
    parseError = `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }

  const send = async () => {
    if (!selected || parseError) return;
    setResult({ kind: "sending" });
    try {
      const res = await fetch("/api/demo/simulate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ triggerId: selected.id, data: payload.trim() ? (JSON.parse(payload) as unknown) : {} }),
      });
      const body = (await res.json()) as { message?: string };
      setResult({ kind: "done", ok: res.ok, message: body.message ?? `HTTP ${res.status}` });
    } catch (error) {
      setResult({ kind: "done", ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <aside className="demo-card simulate" aria-labelledby={`${id}-title`}>
      <div className="simulate-header">
        <h2 id={`${id}-title`}>Simulate event</h2>
        <span className="agent-pill">Demo only</span>
      </div>
      <p className="demo-muted">
        Asks the local Composio sandbox to send a signed webhook for one of this agent&apos;s triggers, as Composio would when the event happens.
      </p>
      {triggers.status === "loading" ? (
        <p className="demo-muted" role="status">
          Loading triggers…
        </p>
      ) : items.length === 0 ? (
        <p className="demo-muted">No event triggers yet. Add one above (for example &quot;New Gmail message&quot;), then send it an event here.</p>
      ) : (
        <form
          className="simulate-form"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <label htmlFor={`${id}-trigger`}>Trigger</label>
          <select
            id={`${id}-trigger`}
            value={selected?.id ?? ""}
            onChange={(event) => {
              setChosenId(event.target.value);
              setResult({ kind: "idle" });
            }}
          >
            {items.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} — {t.label}
                {t.enabled ? "" : " (paused)"}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-payload`}>Event payload (JSON)</label>
          <textarea
            id={`${id}-payload`}
            value={payload}
            onChange={(event) => setPayload(event.target.value)}
            rows={10}
            spellCheck={false}
            aria-invalid={parseError ? true : undefined}
            aria-describedby={parseError ? `${id}-payload-error` : undefined}
          />
          {parseError ? (
            <p id={`${id}-payload-error`} className="demo-error">
              {parseError}
            </p>
          ) : null}
          <div className="simulate-actions">
            <button type="submit" className="demo-button" disabled={!selected || Boolean(parseError) || result.kind === "sending"}>
              {result.kind === "sending" ? "Sending…" : "Send event"}
            </button>
            {selected ? (
              <button type="button" className="demo-button demo-button-outline" onClick={() => setPayload(undefined)}>
                Reset sample
              </button>
            ) : null}
          </div>
          <p role="status" className={result.kind === "done" && !result.ok ? "demo-error" : "demo-muted"}>
            {result.kind === "done" ? result.message : ""}
          </p>
        </form>
      )}
    </aside>
  );
}
