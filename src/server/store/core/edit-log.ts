import { EditEntry, type RunOwner } from "../../../shared/schemas";
import { StoreCorruptError, StoreValidationError } from "../errors";
import type { EditPage, ListEditsOptions } from "../port";
import { describeIssues } from "./validate";

/** The edit-log entries an update hands in, checked (and copied) before anything is written. */
export function checkEdits(agentId: string, entries: unknown): EditEntry[] {
  if (!Array.isArray(entries)) throw new StoreValidationError("The edit log entries of an update must be a list.");
  return entries.map((entry, index) => {
    const parsed = EditEntry.safeParse(entry);
    if (!parsed.success) throw new StoreValidationError(`Edit log entry ${index} is invalid, so nothing was saved: ${describeIssues(parsed.error)}.`);
    if (parsed.data.agentId !== agentId) throw new StoreValidationError(`Edit log entry ${index} belongs to agent "${parsed.data.agentId}", not "${agentId}"; nothing was saved.`);
    return parsed.data;
  });
}

/** `listEdits`' arguments checked: the owner, the page size (default 20) and the cursor as a sequence number. */
export function editQueryOf(owner: RunOwner, options: ListEditsOptions | undefined): { owner: RunOwner; limit: number; beforeSeq: number | undefined } {
  if (!owner || (owner.kind !== "job" && owner.kind !== "trigger") || typeof owner.id !== "string" || owner.id === "" || owner.id.length > 200) {
    throw new StoreValidationError('The owner of an edit log must be { kind: "job" | "trigger", id }.');
  }
  const limit = options?.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new StoreValidationError(`The edit log page size must be a whole number from 1 to 100, got ${String(limit)}.`);
  const cursor = options?.cursor;
  if (cursor === undefined || cursor === null) return { owner: { kind: owner.kind, id: owner.id }, limit, beforeSeq: undefined };
  if (typeof cursor !== "string" || !/^[0-9]{1,15}$/.test(cursor)) throw new StoreValidationError("This is not a page of the edit log.");
  return { owner: { kind: owner.kind, id: owner.id }, limit, beforeSeq: Number(cursor) };
}

/** A page from the backend's rows (one more than `limit` asked for, to tell whether more follow). */
export function editPageOf(agentId: string, rows: Array<{ seq: number; entry: unknown }>, limit: number): EditPage {
  const items = rows.slice(0, limit).map(({ entry }) => {
    const parsed = EditEntry.safeParse(entry);
    if (!parsed.success) {
      throw new StoreCorruptError(`edits:${agentId}`, `The edit log of agent "${agentId}" holds an unreadable entry: ${describeIssues(parsed.error)}. Nothing was changed.`, { cause: parsed.error });
    }
    return parsed.data;
  });
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}

/**
 * The sequence numbers of `rows` (oldest first, each with its owner) that fall out of the log: beyond `perOwner` of
 * their owner or `perAgent` of the agent, counted from the newest. The memory backend's rule; the SQL backends say
 * the same in one statement.
 */
export function editsBeyondLimits(rows: ReadonlyArray<{ seq: number; owner: string }>, perOwner: number, perAgent: number): Set<number> {
  const drop = new Set<number>();
  const counts = new Map<string, number>();
  let total = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const count = (counts.get(row.owner) ?? 0) + 1;
    counts.set(row.owner, count);
    total += 1;
    if (count > perOwner || total > perAgent) drop.add(row.seq);
  }
  return drop;
}
