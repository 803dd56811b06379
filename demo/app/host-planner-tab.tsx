"use client";

import { useCallback, useState } from "react";
import { LiveIndicator, PlannerPanel, type PlannerPanelDialog } from "agent-planner/components";
import { LiveStatusProvider, type PlannerNotifyTone } from "agent-planner/client";

interface Toast {
  id: number;
  message: string;
  tone: PlannerNotifyTone;
}

/**
 * The Planner tab as a host with its own chrome would build it (`?chrome=host`): the host's heading and "Add
 * job" / "Add trigger" buttons open the panel's dialogs through `dialog`, the panel leaves out its header, and
 * its notices become the host's toasts (the panel still announces them to screen readers itself).
 */
export function HostPlannerTab({ agentId }: { agentId: string }) {
  const [dialog, setDialog] = useState<PlannerPanelDialog>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = useCallback((message: string, tone: PlannerNotifyTone) => {
    const id = Date.now() + Math.random();
    setToasts((current) => [...current.slice(-2), { id, message, tone }]);
    setTimeout(() => setToasts((current) => current.filter((toast) => toast.id !== id)), 5000);
  }, []);
  return (
    // One live stream for the host's indicator and the panel (the panel reuses it).
    <LiveStatusProvider agentId={agentId}>
    <section className="host-planner" aria-labelledby="host-planner-title">
      <header className="host-planner-header">
        <div>
          <h2 id="host-planner-title">Planner</h2>
          <p className="demo-muted">Scheduled jobs and event triggers for this agent.</p>
        </div>
        <div className="host-planner-actions">
          <LiveIndicator agentId={agentId} />
          <button type="button" className="demo-button demo-button-outline" onClick={() => setDialog({ kind: "trigger" })}>
            + Add trigger
          </button>
          <button type="button" className="demo-button" onClick={() => setDialog({ kind: "job" })}>
            + Add job
          </button>
        </div>
      </header>
      <PlannerPanel agentId={agentId} header={false} dialog={dialog} onDialogChange={setDialog} onNotify={notify} />
      {/* Visual only: the panel's own live region already reads each notice out. */}
      <ol className="host-toasts" aria-hidden="true">
        {toasts.map((toast) => (
          <li key={toast.id} className="host-toast" data-tone={toast.tone}>
            {toast.message}
          </li>
        ))}
      </ol>
    </section>
    </LiveStatusProvider>
  );
}
