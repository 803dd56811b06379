import { type Run, RunCause, type RunOwner, RunStatus } from "../../../shared/schemas/index";
import { StoreValidationError } from "../errors";
import type { AppendRunUnlessActiveOptions, ListAgentRunsOptions, ListRunsOptions, RunPage, RunSearchPage, RunSearchQuery } from "../port";

/** Finished runs kept per job or trigger when the store is not told otherwise. */
export const DEFAULT_RUN_HISTORY = 50;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** Whether a run is still in progress; such runs are never dropped from history. */
export function isActive(run: Run): boolean {
  return run.status === "queued" || run.status === "running" || run.status === "started";
}

/** Whether a run is executing (its executor called or accepted it): what overlap and "run now" wait for. */
export function isExecuting(run: Run): boolean {
  return run.status === "running" || run.status === "started";
}

export function sameOwner(a: RunOwner, b: RunOwner): boolean {
  return a.kind === b.kind && a.id === b.id;
}

interface RunKey {
  at: number;
  id: string;
}

function keyOf(run: Run): RunKey {
  return { at: Date.parse(run.createdAt), id: run.id };
}

/** Negative when `a` sorts before `b` in newest-first order (createdAt descending, then id descending). */
function compareKeys(a: RunKey, b: RunKey): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Sorts runs newest first (a copy). */
export function sortNewestFirst(runs: readonly Run[]): Run[] {
  return runs
    .map((run) => ({ run, key: keyOf(run) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ run }) => run);
}

/** Inserts `run` into newest-first `runs` (a copy); new runs usually land at the front. */
export function insertRun(runs: readonly Run[], run: Run): Run[] {
  const key = keyOf(run);
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keyOf(runs[mid]!), key) <= 0) low = mid + 1;
    else high = mid;
  }
  return [...runs.slice(0, low), run, ...runs.slice(low)];
}

/**
 * Drops the oldest finished runs of `owner` beyond `max` (a copy). Queued and running runs are never dropped,
 * so an owner may briefly hold more than `max` runs while many are in progress.
 */
export function capRuns(runs: readonly Run[], owner: RunOwner, max: number): Run[] {
  let excess = runs.filter((run) => sameOwner(run.owner, owner)).length - max;
  if (excess <= 0) return [...runs];
  const dropped = new Set<Run>();
  for (let i = runs.length - 1; i >= 0 && excess > 0; i--) {
    const run = runs[i]!;
    if (sameOwner(run.owner, owner) && !isActive(run)) {
      dropped.add(run);
      excess--;
    }
  }
  return runs.filter((run) => !dropped.has(run));
}

function encodeCursor(key: RunKey): string {
  return btoa(`${key.at}|${key.id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(cursor: string): RunKey {
  const invalid = () => new StoreValidationError("This page cursor is not valid; load the first page again.");
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw invalid();
  }
  const separator = text.indexOf("|");
  const at = Number(text.slice(0, separator));
  const id = text.slice(separator + 1);
  if (separator < 1 || !Number.isSafeInteger(at) || id.length === 0) throw invalid();
  return { at, id };
}

/** A page request checked and decoded: what an adapter that pages in its own query language needs. */
export interface PageQuery {
  limit: number;
  /** The position of the last run of the previous page (`createdAt` in epoch ms, id), or `null` for the first. */
  after: { at: number; id: string } | null;
  /** Only these statuses, or `null` for every status. */
  statuses: RunStatus[] | null;
  ownerKind: RunOwner["kind"] | undefined;
}

/** Checks and decodes page options (the same errors for every adapter). */
export function pageQueryOf(options: ListAgentRunsOptions = {}): PageQuery {
  const { ownerKind } = options;
  if (ownerKind !== undefined && ownerKind !== "job" && ownerKind !== "trigger") {
    throw new StoreValidationError(`ownerKind must be "job" or "trigger", got ${JSON.stringify(ownerKind)}.`);
  }
  const status: readonly unknown[] | undefined = options.status;
  if (status !== undefined && (!Array.isArray(status) || !status.every((value) => RunStatus.safeParse(value).success))) {
    throw new StoreValidationError(`The status filter must be a list of run statuses (${RunStatus.options.join(", ")}).`);
  }
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new StoreValidationError(`The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${limit}.`);
  }
  return { limit, after: options.cursor ? decodeCursor(options.cursor) : null, statuses: status ? status.map((value) => RunStatus.parse(value)) : null, ownerKind };
}

/** The cursor of the page that follows `run` (the last run of a page). */
export function cursorAfter(run: Run): string {
  return encodeCursor(keyOf(run));
}

/**
 * One page of an owner's runs, newest first. The cursor is the position of the last run returned, so runs
 * added meanwhile (which are newer) neither repeat nor shift later pages.
 */
export function pageRuns(runs: readonly Run[], owner: RunOwner, options: ListRunsOptions = {}): RunPage {
  const query = pageQueryOf({ ...options, ownerKind: undefined });
  return pageWhere(runs, (run) => sameOwner(run.owner, owner), query);
}

/** One page of all of an agent's runs, newest first, optionally only of one owner kind or some statuses. */
export function pageAgentRuns(runs: readonly Run[], options: ListAgentRunsOptions = {}): RunPage {
  const query = pageQueryOf(options);
  const { ownerKind } = query;
  return pageWhere(runs, (run) => ownerKind === undefined || run.owner.kind === ownerKind, query);
}

function pageWhere(runs: readonly Run[], include: (run: Run) => boolean, query: PageQuery): RunPage {
  const { limit, after } = query;
  const wanted = query.statuses ? new Set(query.statuses) : null;
  const items: Run[] = [];
  let more = false;
  for (const run of runs) {
    if (!include(run) || (wanted && !wanted.has(run.status))) continue;
    if (after && compareKeys(keyOf(run), after) <= 0) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(run);
  }
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}

/** Queued and running runs, newest first. */
export function activeOf(runs: readonly Run[]): Run[] {
  return runs.filter(isActive);
}

/**
 * The run of `run`'s owner that keeps `run` out under `appendRunUnlessActive`, or `undefined` when there is none:
 * one running, or queued less than `staleQueuedMs` before `run.createdAt`, optionally only of some causes.
 */
export function activeRunInTheWay(runs: readonly Run[], run: Run, options: AppendRunUnlessActiveOptions): Run | undefined {
  const { staleQueuedMs, causes } = options;
  if (typeof staleQueuedMs !== "number" || !(staleQueuedMs > 0)) {
    throw new StoreValidationError(`staleQueuedMs must be a positive number of milliseconds, got ${String(staleQueuedMs)}.`);
  }
  const freshAfter = Date.parse(run.createdAt) - staleQueuedMs;
  return runs.find(
    (candidate) =>
      sameOwner(candidate.owner, run.owner) &&
      (causes === undefined || causes.includes(candidate.cause)) &&
      (isExecuting(candidate) || (candidate.status === "queued" && Date.parse(candidate.createdAt) > freshAfter)),
  );
}

/** The most runs one search answers (an export's bound). */
export const MAX_SEARCH_LIMIT = 10_000;
const MAX_SEARCH_TEXT = 1_000;

function searchInvalid(message: string): never {
  throw new StoreValidationError(message);
}

function instantOf(value: unknown, name: string): number | null {
  if (value === undefined) return null;
  const at = typeof value === "string" ? Date.parse(value) : NaN;
  if (!Number.isFinite(at)) searchInvalid(`${name} must be an ISO date-time, got ${JSON.stringify(value)?.slice(0, 100)}.`);
  return at;
}

/** The text a run is searched in, lower-cased (its input as JSON). */
function searchableText(run: Run): string {
  const parts = [run.id, run.renderedMessage ?? "", run.error ?? ""];
  if (run.input !== undefined) parts.push(JSON.stringify(run.input));
  return parts.join("\n").toLowerCase();
}

/**
 * A page of the runs (newest first) that match `query`, and how many match: the search every adapter that keeps
 * an agent's runs in memory shares. Text is matched literally (`includes`), never as a pattern.
 */
export function searchRuns(runs: readonly Run[], query: RunSearchQuery): RunSearchPage {
  if (query === null || typeof query !== "object") searchInvalid("The search must be an object.");
  const { text, textOwners, owner, ownerKind } = query;
  if (text !== undefined && (typeof text !== "string" || text.length > MAX_SEARCH_TEXT)) searchInvalid(`The search text must be at most ${MAX_SEARCH_TEXT} characters.`);
  if (ownerKind !== undefined && ownerKind !== "job" && ownerKind !== "trigger") searchInvalid(`ownerKind must be "job" or "trigger", got ${JSON.stringify(ownerKind)}.`);
  const statuses: readonly unknown[] | undefined = query.statuses;
  if (statuses !== undefined && (!Array.isArray(statuses) || !statuses.every((value) => RunStatus.safeParse(value).success))) {
    searchInvalid(`The status filter must be a list of run statuses (${RunStatus.options.join(", ")}).`);
  }
  const causes: readonly unknown[] | undefined = query.causes;
  if (causes !== undefined && (!Array.isArray(causes) || !causes.every((value) => RunCause.safeParse(value).success))) {
    searchInvalid(`The kind filter must be a list of run causes (${RunCause.options.join(", ")}).`);
  }
  const from = instantOf(query.from, "from");
  const to = instantOf(query.to, "to");
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(offset) || offset < 0) searchInvalid(`The offset must be a whole number from 0, got ${String(offset)}.`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) searchInvalid(`The page size must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got ${String(limit)}.`);

  const needle = text?.trim().toLowerCase() ?? "";
  const named = new Set((textOwners ?? []).map((o) => `${o.kind}:${o.id}`));
  const statusSet = statuses ? new Set(statuses) : null;
  const causeSet = causes ? new Set(causes) : null;
  const matches = (run: Run): boolean => {
    if (owner && !sameOwner(run.owner, owner)) return false;
    if (ownerKind && run.owner.kind !== ownerKind) return false;
    if (statusSet && !statusSet.has(run.status)) return false;
    if (causeSet && !causeSet.has(run.cause)) return false;
    if (from !== null || to !== null) {
      const at = Date.parse(run.createdAt);
      if (from !== null && at < from) return false;
      if (to !== null && at >= to) return false;
    }
    if (needle === "") return true;
    return named.has(`${run.owner.kind}:${run.owner.id}`) || searchableText(run).includes(needle);
  };

  const items: Run[] = [];
  let total = 0;
  for (const run of runs) {
    if (!matches(run)) continue;
    if (total >= offset && items.length < limit) items.push(run);
    total++;
  }
  return { items, total };
}
