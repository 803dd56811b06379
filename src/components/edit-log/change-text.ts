"use client";

import type { PlannerLabels } from "../../client/labels";
import type { EditChange, EditEntry } from "../../shared/schemas";
import { scheduleSentence } from "../cards/schedule-sentence";

/** A logged value in words: a schedule as its sentence, the status as Active / Paused, an empty value said so. */
export function valueText(field: string, value: string | undefined, labels: PlannerLabels, locale: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === "") return labels.editLog.emptyValue;
  if (field === "schedule.cron") return scheduleSentence(value, labels.cards, locale, value);
  if (field === "enabled" && (value === "true" || value === "false")) return labels.editLog.enabledValue(value === "true");
  return value;
}

/** "from ‘Every Monday at 9:00 AM’ to ‘Weekdays at 9:00 AM’", "set to …" or "removed (was …)". */
export function changeText(change: EditChange, labels: PlannerLabels, locale: string | undefined): string {
  const before = valueText(change.field, change.before, labels, locale);
  const after = valueText(change.field, change.after, labels, locale);
  if (before === undefined) return labels.editLog.setTo(after ?? labels.editLog.emptyValue);
  if (after === undefined) return labels.editLog.removed(before);
  return labels.editLog.fromTo(before, after);
}

export function fieldName(field: string, labels: PlannerLabels): string {
  return labels.editLog.fields[field] ?? field;
}

/** An entry's headline: "Ada changed the schedule", "Ada paused it", "Ada created this job". */
export function headline(entry: EditEntry, labels: PlannerLabels): string {
  const l = labels.editLog;
  const who = entry.actor.name ?? entry.actor.userId;
  switch (entry.action) {
    case "created":
      return l.created(who, entry.owner.kind);
    case "deleted":
      return l.deleted(who, entry.owner.kind);
    case "paused":
      return l.paused(who);
    case "resumed":
      return l.resumed(who);
    default:
      return entry.changes.length === 1 ? l.changedOne(who, fieldName(entry.changes[0]!.field, labels)) : l.changedMany(who, entry.changes.length);
  }
}
