import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { BulkItem } from "../../../shared/schemas";
import { errorIdOf } from "../../error-ids";
import { plannerErrorOf, readSafely } from "../../errors";
import type { PlannerLogger } from "../../options";
import { storageFaultOf } from "../../store/faults";
import { internalErrorMessage } from "../../trpc";

/** What one item of a bulk call came to. `runId`: the run a "run now" started. */
export type BulkItemResult =
  | (BulkItem & { ok: true; runId?: string | undefined })
  | (BulkItem & { ok: false; code: TRPC_ERROR_CODE_KEY; message: string });

export interface BulkResult {
  /** One result per item, in the order asked (a repeated item once). */
  results: BulkItemResult[];
  succeeded: number;
  failed: number;
}

export function summarize(results: BulkItemResult[]): BulkResult {
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/**
 * The failure of one item as the client sees it: a domain or tRPC error's code and sentence; a storage fault's
 * sentence; anything else an internal error whose details stay in the log under an error id.
 */
export function failureOf(item: BulkItem, error: unknown, logger: PlannerLogger): BulkItemResult {
  // What the single-item procedure answered (its middleware already turned domain errors and storage faults into these).
  const code = readSafely(error, "code");
  const message = readSafely(error, "message");
  if (readSafely(error, "name") === "TRPCError" && typeof code === "string" && typeof message === "string" && code !== "INTERNAL_SERVER_ERROR") {
    return { ...item, ok: false, code: code as TRPC_ERROR_CODE_KEY, message };
  }
  const domain = plannerErrorOf(error);
  if (domain) return { ...item, ok: false, code: domain.code, message: String(readSafely(domain, "message")) };
  const fault = storageFaultOf(error);
  if (fault) return { ...item, ok: false, code: "SERVICE_UNAVAILABLE", message: fault.message };
  const errorId = errorIdOf(typeof error === "object" && error !== null ? (error as Error) : new Error(String(error)));
  logger.error("planner: a bulk action failed on one item", { errorId, kind: item.kind, id: item.id, error: String(readSafely(error, "message") ?? error) });
  return { ...item, ok: false, code: "INTERNAL_SERVER_ERROR", message: internalErrorMessage(errorId) };
}

/** Runs `work` on each item, at most `concurrency` at a time; results in the items' order. */
export async function eachItem<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
