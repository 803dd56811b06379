import type { PlannerConfig, ReplayManyInput, RunExportInput, RunOwner, RunSearchFilters, RunSearchInput } from "../../../shared/schemas";
import { MAX_RUN_EXPORT } from "../../../shared/schemas";
import type { RunSearchQuery } from "../../store/port";
import type { RunsContext } from "./context";
import { type HistoryRunView, toRunView } from "./view";

export type { HistoryRunView };
import { replayRunHandler } from "./replay.handler";
import { plannerErrorOf } from "../../errors";
import { storageFaultOf } from "../../store/faults";
import { errorMessage } from "../../engine/run";
import { runsToCsv } from "./export";


/** A page of a search: the runs at `offset` and how many match in all ("Showing 1 to 10 of 1,247"). */
export interface RunSearchResult {
  items: HistoryRunView[];
  total: number;
  offset: number;
  limit: number;
}

/** An export: the file's text, its type and a file name; `truncated` when more than {@link MAX_RUN_EXPORT} runs matched. */
export interface RunExport {
  format: "csv" | "json";
  mimeType: string;
  filename: string;
  content: string;
  count: number;
  total: number;
  truncated: boolean;
}

/** The answer for one run of a bulk replay. */
export type ReplayResult = { runId: string; ok: true; replayRunId: string } | { runId: string; ok: false; message: string };

function namesOf(planner: PlannerConfig): Map<string, string> {
  const names = new Map<string, string>();
  for (const job of planner.jobs) names.set(`job:${job.id}`, job.name);
  for (const trigger of planner.triggers) names.set(`trigger:${trigger.id}`, trigger.name);
  return names;
}

/** The store query of the filters; the owners whose names contain the text match it too. */
function queryOf(filters: RunSearchFilters, names: Map<string, string>): RunSearchQuery {
  const text = filters.text?.trim() ?? "";
  const needle = text.toLowerCase();
  const textOwners: RunOwner[] = [];
  if (needle !== "") {
    for (const [key, name] of names) {
      if (!name.toLowerCase().includes(needle)) continue;
      const separator = key.indexOf(":");
      textOwners.push({ kind: key.slice(0, separator) as RunOwner["kind"], id: key.slice(separator + 1) });
    }
  }
  return {
    ...(text !== "" ? { text, textOwners } : {}),
    ...(filters.status?.length ? { statuses: filters.status } : {}),
    ...(filters.kind?.length ? { causes: filters.kind } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
    ...(filters.ownerKind ? { ownerKind: filters.ownerKind } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

function withNames(names: Map<string, string>) {
  return (run: Parameters<typeof toRunView>[0]): HistoryRunView => {
    const ownerName = names.get(`${run.owner.kind}:${run.owner.id}`) ?? null;
    return { ...toRunView(run), ownerName, ownerDeleted: ownerName === null };
  };
}

/** The runs that match the filters, newest first, one page at `offset`, with the number of matches. */
export async function searchRunsHandler({ ctx, input }: { ctx: RunsContext; input: RunSearchInput }): Promise<RunSearchResult> {
  const { store } = ctx.deps;
  const names = namesOf(await store.get(input.agentId));
  const page = await store.searchAgentRuns(input.agentId, { ...queryOf(input, names), offset: input.offset, limit: input.limit });
  return { items: page.items.map(withNames(names)), total: page.total, offset: input.offset, limit: input.limit };
}

/** Every run that matches the filters (the newest {@link MAX_RUN_EXPORT}) as CSV or JSON text. */
export async function exportRunsHandler({ ctx, input }: { ctx: RunsContext; input: RunExportInput }): Promise<RunExport> {
  const { store, clock } = ctx.deps;
  const names = namesOf(await store.get(input.agentId));
  const page = await store.searchAgentRuns(input.agentId, { ...queryOf(input, names), offset: 0, limit: MAX_RUN_EXPORT });
  const runs = page.items.map(withNames(names));
  const stamp = clock().toISOString().slice(0, 16).replace(/[:T]/g, "-");
  const base = `runs-${stamp}`;
  const common = { count: runs.length, total: page.total, truncated: page.total > runs.length };
  if (input.format === "json") {
    return { format: "json", mimeType: "application/json", filename: `${base}.json`, content: `${JSON.stringify(runs, null, 2)}\n`, ...common };
  }
  return { format: "csv", mimeType: "text/csv;charset=utf-8", filename: `${base}.csv`, content: runsToCsv(runs), ...common };
}

/** The sentence a refused replay is answered with: the planner's own (or the storage's), never an internal error's. */
function refusal(ctx: RunsContext, runId: string, error: unknown): string {
  const known = plannerErrorOf(error) ?? storageFaultOf(error);
  if (known) return known.message;
  ctx.deps.logger.error("planner: a replay of a bulk replay failed", { runId, error: errorMessage(error) });
  return "The replay could not be started because of an internal error.";
}

/**
 * Replays each run in turn with the rules of `runs.replay` (one replay per job or trigger at a time, the run must
 * have ended, its job or trigger must exist), answering per run: one refusal does not stop the others.
 */
export async function replayManyHandler({ ctx, input }: { ctx: RunsContext; input: ReplayManyInput }): Promise<{ results: ReplayResult[] }> {
  const results: ReplayResult[] = [];
  for (const runId of [...new Set(input.runIds)]) {
    try {
      const { runId: replayRunId } = await replayRunHandler({ ctx, input: { agentId: input.agentId, runId } });
      results.push({ runId, ok: true, replayRunId });
    } catch (error) {
      results.push({ runId, ok: false, message: refusal(ctx, runId, error) });
    }
  }
  return { results };
}
