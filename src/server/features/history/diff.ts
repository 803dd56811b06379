import {
  MAX_EDIT_CHANGES,
  MAX_EDIT_VALUE_LENGTH,
  type EditActor,
  type EditChange,
  type EditEntry,
  type Job,
  type PlannerConfig,
  type Trigger,
} from "../../../shared/schemas";

/** Bookkeeping the engine and the sync write: not an edit anyone made. */
const NOT_EDITS = new Set(["id", "revision", "createdAt", "updatedAt", "createdBy", "updatedBy", "state", "sync", "composioTriggerId"]);
/** Objects whose fields are logged one by one (`schedule.cron`); anything else changes as a whole (`filters`). */
const GROUPS = new Set(["schedule", "action", "policy", "source"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys were written in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner) ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]])) : inner,
  );
}

/** A value as the log keeps it: strings as they are, anything else as JSON, cut at the limit. */
export function editValueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value : stableJson(value);
  return text.length > MAX_EDIT_VALUE_LENGTH ? `${text.slice(0, MAX_EDIT_VALUE_LENGTH)}…` : text;
}

/** The item's editable fields by path: `name`, `schedule.cron`, `action.template`, `filters`, `enabled`, … */
function fieldsOf(item: Job | Trigger): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(item)) {
    if (NOT_EDITS.has(key) || value === undefined) continue;
    if (GROUPS.has(key) && isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) if (innerValue !== undefined) fields.set(`${key}.${inner}`, innerValue);
    } else fields.set(key, value);
  }
  return fields;
}

/** The fields that differ between two versions of a job or trigger, in the order of the newer one. */
export function changesBetween(before: Job | Trigger, after: Job | Trigger): EditChange[] {
  const old = fieldsOf(before);
  const next = fieldsOf(after);
  const changes: EditChange[] = [];
  for (const field of new Set([...next.keys(), ...old.keys()])) {
    const a = old.get(field);
    const b = next.get(field);
    if (a !== undefined && b !== undefined && stableJson(a) === stableJson(b)) continue;
    const beforeText = editValueText(a);
    const afterText = editValueText(b);
    changes.push({ field, ...(beforeText !== undefined ? { before: beforeText } : {}), ...(afterText !== undefined ? { after: afterText } : {}) });
  }
  return changes.slice(0, MAX_EDIT_CHANGES);
}

interface EditContext {
  agentId: string;
  actor: EditActor;
  at: string;
}

function entriesOf<T extends Job | Trigger>(kind: "job" | "trigger", before: readonly T[], after: readonly T[], context: EditContext): EditEntry[] {
  const entries: EditEntry[] = [];
  const base = (item: T) => ({ agentId: context.agentId, owner: { kind, id: item.id }, ownerName: editValueText(item.name) ?? "", at: context.at, actor: context.actor });
  const old = new Map(before.map((item) => [item.id, item]));
  const kept = new Set<string>();
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) {
      entries.push({ ...base(item), action: "created", changes: [] });
      continue;
    }
    kept.add(item.id);
    // Most items of a planner change are untouched: equal JSON means no field changed, without comparing each.
    if (previous === item || JSON.stringify(previous) === JSON.stringify(item)) continue;
    const changes = changesBetween(previous, item);
    if (changes.length === 0) continue;
    const onlyEnabled = changes.length === 1 && changes[0]!.field === "enabled";
    const action = onlyEnabled ? (item.enabled ? "resumed" : "paused") : "updated";
    entries.push({ ...base(item), action, changes });
  }
  for (const item of before) if (!kept.has(item.id)) entries.push({ ...base(item), action: "deleted", changes: [] });
  return entries;
}

/**
 * The edit-log entries of one planner change: a job or trigger that appeared was created, one that is gone was
 * deleted, one whose editable fields differ was updated (paused or resumed when only `enabled` changed). Runtime
 * state and sync bookkeeping are no edits.
 */
export function editsBetween(before: PlannerConfig, after: PlannerConfig, context: EditContext): EditEntry[] {
  return [...entriesOf("job", before.jobs, after.jobs, context), ...entriesOf("trigger", before.triggers, after.triggers, context)];
}
