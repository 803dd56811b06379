import { z } from "zod";
import { AgentId, JobId, TriggerId } from "./common";

/** The most items one bulk call acts on (the documented upper bounds of jobs + triggers per agent fit in a few calls). */
export const MAX_BULK_ITEMS = 500;

export const BulkAction = z.enum(["pause", "resume", "runNow", "delete"], { error: 'The action must be "pause", "resume", "runNow" or "delete".' });
export type BulkAction = z.infer<typeof BulkAction>;

/** One job or trigger of the agent. */
export const BulkItem = z.discriminatedUnion(
  "kind",
  [z.object({ kind: z.literal("job"), id: JobId }), z.object({ kind: z.literal("trigger"), id: TriggerId })],
  { error: 'Each item is a job or a trigger: { kind: "job" | "trigger", id }.' },
);
export type BulkItem = z.infer<typeof BulkItem>;

/** Items in the order given, each once (a repeated job or trigger is acted on once). */
function uniqueItems(items: BulkItem[]): BulkItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.kind}:${item.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `bulk.act`: one action on many jobs and triggers of one agent, answered item by item. */
export const BulkApplyInput = z.object({
  agentId: AgentId,
  action: BulkAction,
  items: z
    .array(BulkItem, { error: "Choose the jobs and triggers to act on." })
    .min(1, { error: "Choose at least one job or trigger." })
    .max(MAX_BULK_ITEMS, { error: `Choose at most ${MAX_BULK_ITEMS} jobs and triggers at a time.` })
    .transform(uniqueItems),
});
export type BulkApplyInput = z.infer<typeof BulkApplyInput>;

/** How a job or trigger was paused, when it matters later: `"pause-all"` is resumed by "Resume all". */
export const PausedBy = z.literal("pause-all");
export type PausedBy = z.infer<typeof PausedBy>;
