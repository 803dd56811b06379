"use client";

import type { DemoThread, DemoWorkflowRun } from "@/lib/host";
import { usePolledList, useScrollToHash, type Polled } from "./use-polled";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** What the tabs list: the host's records with the names the API adds (a job's, a workflow's) in place of ids. */
type NamedThread = Omit<DemoThread, "messages"> & { messages: Array<DemoThread["messages"][number] & { ownerName?: string | null }> };
type NamedWorkflowRun = DemoWorkflowRun & { workflowName?: string; ownerName?: string | null };

/** "Scheduled job “Daily job search” · on schedule" — the job's or trigger's name, never its id. */
function sourceText(source: DemoThread["source"], ownerName: string | null | undefined): string {
  const owner = source.kind === "job" ? "Scheduled job" : "Event trigger";
  const cause = { schedule: "on schedule", manual: "run now", event: "event", test: "test", replay: "replay" }[source.cause] ?? source.cause;
  const name = ownerName ? `“${ownerName}”` : "(deleted)";
  return `${owner} ${name} · ${cause}`;
}

function ListState<T>({ state, empty, children }: { state: Polled<T>; empty: string; children: (items: T[]) => React.ReactNode }) {
  if (state.status === "loading") return <p className="demo-muted" role="status">Loading…</p>;
  const items = state.items ?? [];
  return (
    <>
      {state.status === "error" ? (
        <p className="demo-error" role="alert">
          Could not refresh: {state.message}
        </p>
      ) : null}
      {items.length === 0 ? <p className="demo-card demo-placeholder">{empty}</p> : children(items)}
    </>
  );
}

export function ChatsTab() {
  const state = usePolledList<NamedThread>("/api/demo/chats");
  const target = useScrollToHash(state.status === "ready");
  return (
    <section aria-labelledby="chats-heading" className="host-list">
      <div className="host-list-header">
        <h2 id="chats-heading">Chats</h2>
        <p className="demo-muted">Threads the planner started with this agent, newest first. Updates every 2 seconds.</p>
      </div>
      <ListState state={state} empty="No chats yet. Run a scheduled job or simulate an event from the Planner tab.">
        {(threads) => (
          <ul className="host-items" aria-label="Chat threads">
            {threads.map((thread) => (
              <li key={thread.id} id={thread.id} className="demo-card host-item" data-target={target === thread.id || undefined} aria-current={target === thread.id ? "true" : undefined}>
                <article aria-labelledby={`${thread.id}-title`}>
                  <header className="host-item-header">
                    <h3 id={`${thread.id}-title`}>{thread.title}</h3>
                    <time dateTime={thread.createdAt}>{timeFormat.format(new Date(thread.createdAt))}</time>
                  </header>
                  {thread.messages.map((message, i) => (
                    <div key={i} className="host-message">
                      <p className="host-message-text">{message.text}</p>
                      <p className="demo-muted host-meta">
                        {sourceText(message.source, message.ownerName)} · <time dateTime={message.at}>{timeFormat.format(new Date(message.at))}</time>
                      </p>
                    </div>
                  ))}
                </article>
              </li>
            ))}
          </ul>
        )}
      </ListState>
    </section>
  );
}

export function WorkflowRunsTab() {
  const state = usePolledList<NamedWorkflowRun>("/api/demo/workflow-runs");
  const target = useScrollToHash(state.status === "ready");
  return (
    <section aria-labelledby="runs-heading" className="host-list">
      <div className="host-list-header">
        <h2 id="runs-heading">Workflow runs</h2>
        <p className="demo-muted">Workflows the planner executed for this agent, newest first. Updates every 2 seconds.</p>
      </div>
      <ListState state={state} empty="No workflow runs yet. Create a job or trigger that executes a workflow.">
        {(runs) => (
          <ul className="host-items" aria-label="Workflow runs">
            {runs.map((run) => (
              <li key={run.id} id={run.id} className="demo-card host-item" data-target={target === run.id || undefined} aria-current={target === run.id ? "true" : undefined}>
                <article aria-labelledby={`${run.id}-title`} data-workflow-id={run.workflowId}>
                  <header className="host-item-header">
                    <h3 id={`${run.id}-title`}>
                      {run.workflowName ?? run.workflowId} <span className="host-status">{run.status}</span>
                    </h3>
                    <time dateTime={run.createdAt}>{timeFormat.format(new Date(run.createdAt))}</time>
                  </header>
                  <div className="host-json-grid">
                    <div>
                      <h4>Input</h4>
                      <pre aria-label="Input">{JSON.stringify(run.input, null, 2)}</pre>
                    </div>
                    <div>
                      <h4>Output</h4>
                      <pre aria-label="Output">{JSON.stringify(run.output, null, 2)}</pre>
                    </div>
                  </div>
                  <p className="demo-muted host-meta">{sourceText(run.source, run.ownerName)}</p>
                </article>
              </li>
            ))}
          </ul>
        )}
      </ListState>
    </section>
  );
}
