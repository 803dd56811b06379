"use client";

/** Jobs the agent proposed: the pending cards (Approve, Edit, Reject) and the job dialog opened by Edit. */
export const proposalsLabels = {
  title: "Proposed by the agent",
  description: "Nothing runs until someone approves it.",
  listLabel: "Proposed jobs",
  pending: "Pending approval",
  kindJob: "Scheduled job",
  kindReminder: "One-time reminder",
  reminderAt: (when: string) => `Once, ${when}`,
  reason: "Why",
  nextRuns: "Next runs",
  prompt: "Message it will send",
  workflow: (workflowId: string) => `Runs workflow ${workflowId}`,
  actsFor: "Acts for",
  proposedAt: (when: string) => `Proposed ${when}`,
  approve: "Approve",
  approving: "Approving…",
  edit: "Edit",
  reject: "Reject",
  rejecting: "Rejecting…",
  actionsLabel: (name: string) => `Answer the proposal ${name}`,
  approved: (name: string) => `"${name}" approved: it is now a scheduled job.`,
  rejected: (name: string) => `The proposal "${name}" was rejected.`,
  failed: (name: string, message: string) => `Could not answer the proposal "${name}": ${message}`,
  /** The job dialog opened by Edit: its title and its submit button. */
  dialogTitle: "Review the proposed job",
  dialogApprove: "Approve",
  dialogReady: "Ready to approve.",
};
