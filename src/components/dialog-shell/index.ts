"use client";

export { DialogShell, useDialogShell, type DialogShellProps } from "./dialog-shell";
export { DialogFormFooter, type DialogFormFooterProps, type DialogStatusTone } from "./dialog-footer";
export { useDialogForm, outcomeOfError, firstError, settleField, type SaveOutcome, type UseDialogFormOptions, type DialogFormState } from "./use-dialog-form";
