"use client";

import { useLabels } from "../../client/settings";
import { DialogShell } from "../dialog-shell";
import { cn } from "../ui";
import { Isolated } from "../ui/bidi";
import { JobFormBody, type JobFormBodyProps } from "./job-form";

export interface JobDialogProps {
  agentId: string;
  /** The job to edit (as `jobs.list` / `jobs.byId` return it); without it the dialog creates one. */
  job?: JobFormBodyProps["job"] | undefined;
  /**
   * A job the agent proposed (`proposals.list`): the dialog starts from its fields, and saving approves it with the
   * edits (the job then acts for the person who saved it).
   */
  proposal?: JobFormBodyProps["proposal"];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called after a successful save, once the dialog has closed and `jobs.*` queries were invalidated. */
  onSaved?: ((job: { id: string; name: string; revision: number }) => void) | undefined;
  className?: string | undefined;
}

/**
 * Create or edit a scheduled job: name, description, schedule (cron picker), the action (chat template or
 * workflow) and the run policies. Validates with the shared schemas as the user types; a save that comes
 * after someone else's offers to reload their version.
 *
 * @example
 * ```tsx
 * const [open, setOpen] = useState(false);
 * <Button onClick={() => setOpen(true)}>Add job</Button>
 * <JobDialog agentId={agent.id} open={open} onOpenChange={setOpen} />
 * ```
 */
export function JobDialog({ agentId, job, proposal, open, onOpenChange, onSaved, className }: JobDialogProps) {
  const all = useLabels();
  const labels = all.jobDialog;
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={proposal ? all.proposals.dialogTitle : job ? <Isolated text={labels.editTitle} value={job.name} /> : labels.createTitle}
      description={labels.description}
      className={cn("planner-job-dialog", className)}
      slot="planner-job-dialog"
    >
      <JobFormBody key={proposal?.id ?? job?.id ?? "new"} agentId={agentId} job={job} proposal={proposal} {...(onSaved ? { onSaved } : {})} />
    </DialogShell>
  );
}
