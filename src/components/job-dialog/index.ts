"use client";

export { JobDialog, preloadJobDialog } from "./lazy";
export type { JobDialogProps } from "./job-dialog";
export { ActionFields, type ActionFieldsProps } from "./action-fields";
export type { ActionFieldErrors } from "./workflow-fields";
export { FormStatus, type FormStatusProps } from "./form-status";
export { inputFieldsOf, inputProblems, type InputFieldSpec } from "./input-schema";
export { WorkflowInputForm, type WorkflowInputFormProps } from "./workflow-input-form";
