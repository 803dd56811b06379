"use client";

import { lazyDialog } from "../lazy-dialog";
import type { JobDialogProps } from "./job-dialog";

const lazyJobDialog = lazyDialog<JobDialogProps>(
  () => import("./job-dialog").then((module) => module.JobDialog),
);

/**
 * Create or edit a scheduled job: name, description, schedule (cron picker), the action (chat template or
 * workflow) and the run policies. Its code loads the first time it opens (or on {@link preloadJobDialog});
 * nothing is shown until it is there.
 *
 * @example
 * ```tsx
 * const [open, setOpen] = useState(false);
 * <Button onClick={() => setOpen(true)} onPointerEnter={preloadJobDialog}>Add job</Button>
 * <JobDialog agentId={agent.id} open={open} onOpenChange={setOpen} />
 * ```
 */
export const JobDialog = lazyJobDialog.Dialog;
/** Starts fetching the job dialog's code, e.g. when the pointer reaches the button that opens it. */
export const preloadJobDialog = lazyJobDialog.preload;
