"use client";

import { useId, useState, type FormEvent } from "react";

interface Turn {
  id: number;
  from: "you" | "agent";
  text: string;
  tool?: string | undefined;
}

/**
 * Demo only: a chat with a scripted agent that has the planner's tools (`plannerTools`). Asking it for a reminder
 * makes it call `proposeJob` / `proposeReminder`; the proposal appears as a pending card in the Planner above.
 */
export function AgentChatPanel() {
  const id = useId();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const message = draft.trim();
    if (!message || sending) return;
    setSending(true);
    setDraft("");
    setTurns((prev) => [...prev, { id: prev.length, from: "you", text: message }]);
    let reply: Turn;
    try {
      const res = await fetch("/api/demo/agent-chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
      });
      const body = (await res.json()) as { reply?: string; message?: string; toolCall?: { name: string; output?: { ok?: boolean } } | null };
      const tool = body.toolCall ? `${body.toolCall.name} → ${body.toolCall.output?.ok ? "ok" : "refused"}` : undefined;
      reply = { id: 0, from: "agent", text: body.reply ?? body.message ?? "No answer.", tool };
    } catch (error) {
      reply = { id: 0, from: "agent", text: `Could not reach the agent: ${error instanceof Error ? error.message : String(error)}` };
    }
    setTurns((prev) => [...prev, { ...reply, id: prev.length }]);
    setSending(false);
  };

  return (
    <aside className="demo-card simulate agent-chat" aria-labelledby={`${id}-title`}>
      <div className="simulate-header">
        <h2 id={`${id}-title`}>Chat with the agent</h2>
        <span className="agent-pill">Demo only</span>
      </div>
      <p className="demo-muted">A scripted agent with the planner&apos;s tools. Ask “remind me every Monday at 9” or “remind me in 2 hours to call the recruiter”: it proposes, you approve above.</p>
      <ol className="agent-chat-log" aria-label="Conversation" aria-live="polite" hidden={turns.length === 0}>
        {turns.map((turn) => (
          <li key={turn.id} data-from={turn.from}>
            <span className="agent-chat-who">{turn.from === "you" ? "You" : "Agent"}</span> {turn.text}
            {turn.tool ? <span className="demo-muted"> (tool call: {turn.tool})</span> : null}
          </li>
        ))}
      </ol>
      <form className="simulate-form" onSubmit={(event) => void send(event)}>
        <label htmlFor={`${id}-message`}>Message to the agent</label>
        <input id={`${id}-message`} value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="remind me every Monday at 9" autoComplete="off" maxLength={2000} />
        <div className="simulate-actions">
          <button type="submit" className="demo-button" disabled={sending || draft.trim() === ""}>
            {sending ? "Sending…" : "Send"}
          </button>
        </div>
      </form>
    </aside>
  );
}
