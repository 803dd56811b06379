"use client";

export { TriggerDialog, type TriggerDialogProps } from "./trigger-dialog";
export { configDefaults, configFields, type ConfigField, type ConfigFieldKind } from "./config-schema";
