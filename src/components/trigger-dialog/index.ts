"use client";

export { TriggerDialog, preloadTriggerDialog } from "./lazy";
export type { TriggerDialogProps } from "./trigger-dialog";
export { configDefaults, configFields, type ConfigField, type ConfigFieldKind } from "./config-schema";
