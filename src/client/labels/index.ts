"use client";

import { attentionLabels } from "./attention";
import { bulkLabels } from "./bulk";
import { cardsLabels } from "./cards";
import { commonLabels, comboboxLabels, liveLabels, statusLabels, timeLabels } from "./common";
import { filterBuilderLabels } from "./filter-builder";
import { triggerDialogLabels } from "./trigger-dialog";
import { cronPickerLabels } from "./cron-picker";
import { jobDialogLabels } from "./job-dialog";
import { templateEditorLabels } from "./template-editor";
import { panelLabels } from "./panel";
import { runHistoryLabels } from "./run-history";
import { dialogsLabels } from "./dialogs";
import { deliveriesLabels } from "./deliveries";
import { bendLabels } from "./bend";
import { timeWindowLabels } from "./time-window";
import { watchLabels } from "./watch";
import { proposalsLabels } from "./proposals";
import { editLogLabels } from "./edit-log";

/**
 * Every string the components show, in English. One section per area; a screen adds its own section here
 * (e.g. `jobDialog: jobDialogLabels` from `./job-dialog`). Strings with values are functions.
 */
export const defaultLabels = {
  common: commonLabels,
  status: statusLabels,
  live: liveLabels,
  combobox: comboboxLabels,
  time: timeLabels,
  triggerDialog: triggerDialogLabels,
  filterBuilder: filterBuilderLabels,
  cronPicker: cronPickerLabels,
  templateEditor: templateEditorLabels,
  jobDialog: jobDialogLabels,
  panel: panelLabels,
  attention: attentionLabels,
  cards: cardsLabels,
  runHistory: runHistoryLabels,
  dialogs: dialogsLabels,
  bulk: bulkLabels,
  deliveries: deliveriesLabels,
  bend: bendLabels,
  timeWindow: timeWindowLabels,
  watch: watchLabels,
  proposals: proposalsLabels,
  editLog: editLogLabels,
};

export type PlannerLabels = typeof defaultLabels;

/** Any subset of the labels, section by section, key by key. */
export type PlannerLabelOverrides = {
  [Section in keyof PlannerLabels]?: { [Key in keyof PlannerLabels[Section]]?: PlannerLabels[Section][Key] };
};

/** The default labels with the host's overrides applied per key. */
export function mergeLabels(overrides: PlannerLabelOverrides | undefined): PlannerLabels {
  if (!overrides) return defaultLabels;
  const merged: Record<string, unknown> = { ...defaultLabels };
  for (const section of Object.keys(overrides) as (keyof PlannerLabels)[]) {
    const values = overrides[section];
    if (values) merged[section] = { ...defaultLabels[section], ...stripUndefined(values) };
  }
  return merged as PlannerLabels;
}

function stripUndefined(values: object): object {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
