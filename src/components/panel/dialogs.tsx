"use client";

import type { JobItem, TriggerItem } from "../cards/types";
import type { ProposalItem } from "../proposals/types";
import { JobDialog } from "../job-dialog/lazy";
import { TriggerDialog } from "../trigger-dialog/lazy";

/**
 * Which dialog the panel shows: `{ kind: "job" }` creates a job, `{ kind: "trigger" }` a trigger, with `job` /
 * `trigger` set it edits that item (what "Edit" and "Reconnect" open); `null`: none.
 */
export type PlannerPanelDialog =
  | { kind: "job"; job?: JobItem | null | undefined; proposal?: ProposalItem | undefined }
  | { kind: "trigger"; trigger?: TriggerItem | null | undefined }
  | null;

/** The job and trigger dialogs, one open at a time. */
export function PanelDialogs({ agentId, state, onClose }: { agentId: string; state: PlannerPanelDialog; onClose: () => void }) {
  const close = (open: boolean) => {
    if (!open) onClose();
  };
  return (
    <>
      {state?.kind === "job" ? <JobDialog agentId={agentId} {...(state.job ? { job: state.job } : {})} {...(state.proposal ? { proposal: state.proposal } : {})} open onOpenChange={close} /> : null}
      {state?.kind === "trigger" ? <TriggerDialog agentId={agentId} trigger={state.trigger ?? undefined} open onOpenChange={close} /> : null}
    </>
  );
}
