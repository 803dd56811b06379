"use client";

import type { JobItem, TriggerItem } from "../cards/types";
import { JobDialog } from "../job-dialog/lazy";
import { TriggerDialog } from "../trigger-dialog/lazy";

/** What the panel's "Add job", "Add trigger", "Edit" and "Reconnect" open. `null` item: create; an item: edit. */
export type PanelDialogState = { kind: "job"; job: JobItem | null } | { kind: "trigger"; trigger: TriggerItem | null } | null;

/** The job and trigger dialogs, one open at a time. */
export function PanelDialogs({ agentId, state, onClose }: { agentId: string; state: PanelDialogState; onClose: () => void }) {
  const close = (open: boolean) => {
    if (!open) onClose();
  };
  return (
    <>
      {state?.kind === "job" ? <JobDialog agentId={agentId} {...(state.job ? { job: state.job } : {})} open onOpenChange={close} /> : null}
      {state?.kind === "trigger" ? <TriggerDialog agentId={agentId} trigger={state.trigger ?? undefined} open onOpenChange={close} /> : null}
    </>
  );
}
