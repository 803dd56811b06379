export { NextRunsDialog, type NextRunsDialogProps } from "./next-runs-dialog";
export { useResumeWithChoice } from "./resume-dialog";
