"use client";

import type { DemoThread, DemoWorkflowRun } from "@/lib/host";
import { usePolledList, useScrollToHash, type Polled } from "./use-polled";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function sourceText(source: DemoThread["source"]): string {
  const owner = source.kind === "job" ? "Scheduled job" : "Event trigger";
  const cause = { schedule: "on schedule", manual: "run now", event: "event", test: "test", replay: "replay" }[source.cause] ?? source.cause;
  return `${owner} ${source.id} · ${cause} · run ${source.runId}`;
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
  const state = usePolledList<DemoThread>("/api/demo/chats");
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
                      <p className="demo-muted host-meta">{sourceText(message.source)}</p>
                    </div>
                  ))}
                  <p className="demo-muted host-meta host-id">{thread.id}</p>
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
  const state = usePolledList<DemoWorkflowRun>("/api/demo/workflow-runs");
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
                <article aria-labelledby={`${run.id}-title`}>
                  <header className="host-item-header">
                    <h3 id={`${run.id}-title`}>
                      {run.workflowId} <span className="host-status">{run.status}</span>
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
                  <p className="demo-muted host-meta">{sourceText(run.source)}</p>
                  <p className="demo-muted host-meta host-id">{run.id}</p>
                </article>
              </li>
            ))}
          </ul>
        )}
      </ListState>
    </section>
  );
}
