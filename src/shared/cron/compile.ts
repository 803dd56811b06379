import { Cron, CronPattern } from "croner";
import type { CronOptions } from "croner";
import type { ScheduleError } from "./errors";
import { InvalidScheduleError } from "./errors";
import { CRON_FIELDS, checkField } from "./fields";
import type { ZoneClock } from "./timezone";
import { createZoneClock } from "./timezone";

/** Shortcuts and the 5-field expressions they stand for. */
export const CRON_ALIASES: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * Croner options used everywhere. `domAndDow: false` is Vixie cron's rule: when both day fields are
 * restricted a day matches either one (`0 9 1 * MON` = the 1st and every Monday). Croner counts a field
 * as restricted unless it is exactly `*` or `?`, so `*\/2` in day-of-month is restricted too (Vixie treats
 * any field starting with `*` as unrestricted).
 */
const CRONER_OPTIONS = { mode: "5-part", domAndDow: false } satisfies CronOptions;

/** A reference far from any edge of croner's supported years, for the "never runs" check. */
const NEVER_RUNS_REFERENCE_MS = Date.UTC(2000, 0, 1);

const FIELD_LIST = "minute hour day-of-month month day-of-week";

/**
 * A valid schedule, ready to compute runs. Shared between calls (see {@link compileSchedule}), so it is
 * read-only: only croner's stateless queries (`nextRun`, `previousRuns`, `match`) may be called on its crons.
 */
export interface CompiledSchedule {
  /** The 5-field expression (aliases expanded, whitespace normalised). */
  readonly expression: string;
  readonly timezone: string;
  /** Croner in the schedule's zone: the source of every run. */
  readonly zoned: Cron;
  /** Croner on the wall clock (read as UTC, no DST): which local times the expression names. */
  readonly wall: Cron;
  readonly clock: ZoneClock;
  /**
   * `zoned.nextRun(cursor)` in epoch ms, memoized: croner in a zone costs ~80 µs a call, and the jobs that fall
   * due together mostly share a schedule, so a tick asks the same question once per job. Pure, like croner's query.
   */
  nextZonedRun(cursorMs: number): number | null;
}

/**
 * A bounded map that forgets the least recently used key when full. Used for pure memoization only: every
 * value is a function of its key alone and is never changed after it is stored.
 */
function createMemo<T>(capacity: number) {
  const values = new Map<string, T>();
  return {
    get(key: string): T | undefined {
      const value = values.get(key);
      if (value !== undefined) {
        // Re-inserting moves the key to the end of the map's order: the oldest key is then the least recently used.
        values.delete(key);
        values.set(key, value);
      }
      return value;
    },
    set(key: string, value: T): void {
      if (values.size >= capacity) values.delete(values.keys().next().value!);
      values.set(key, value);
    },
  };
}

const MEMO_CAPACITY = 500;
/** Per compiled schedule: the next runs after this many recent cursors. */
const NEXT_RUN_MEMO_CAPACITY = 32;

/**
 * Valid expressions by their text. Pure memoization, so module state is fine: the parse depends only on the
 * text, and croner's queries leave an instance unchanged (these crons are never started). Saves building a
 * croner and its never-runs check each time a store write validates every job's schedule.
 */
const parsedExpressions = createMemo<ParsedExpression & { ok: true }>(MEMO_CAPACITY);

/**
 * Valid schedules by expression text and zone. Pure memoization, like {@link parsedExpressions}: a tick would
 * otherwise build two crons per due job.
 */
const compiledSchedules = createMemo<CompiledSchedule>(MEMO_CAPACITY);

type Failure = { ok: false; errors: ScheduleError[] };
export type ParsedExpression = { ok: true; expression: string; wall: Cron } | Failure;
export type CheckedSchedule = { ok: true; expression: string; wall: Cron; clock: ZoneClock } | Failure;

/** Parses the cron part alone: syntax, field ranges, and whether it ever runs. */
export function parseExpression(cron: unknown): ParsedExpression {
  if (typeof cron !== "string") return parse(cron);
  const cached = parsedExpressions.get(cron);
  if (cached) return cached;
  const parsed = parse(cron);
  if (parsed.ok) parsedExpressions.set(cron, Object.freeze(parsed));
  return parsed;
}

function parse(cron: unknown): ParsedExpression {
  const text = typeof cron === "string" ? cron.trim() : "";
  if (text === "") return fail("expression", "Enter a cron expression.");
  const tokens = text.split(/\s+/);
  const first = tokens[0] ?? "";
  if (first.startsWith("@")) return parseAlias(first, tokens.length);
  if (tokens.length !== 5) return fail("expression", fieldCountMessage(tokens));

  const errors: ScheduleError[] = [];
  CRON_FIELDS.forEach((field, index) => {
    const message = checkField(field, tokens[index] ?? "");
    if (message) errors.push({ field, message });
  });
  if (errors.length > 0) return { ok: false, errors };
  return build(tokens.join(" "));
}

/** Checks both parts of a schedule and reports every problem at once, without building the zoned croner. */
export function checkSchedule(cron: unknown, timezone: unknown): CheckedSchedule {
  const parsed = parseExpression(cron);
  const zone = typeof timezone === "string" ? timezone.trim() : "";
  const clock = zone === "" ? null : createZoneClock(zone);
  const errors = parsed.ok ? [] : [...parsed.errors];
  if (zone === "") errors.push({ field: "timezone", message: "Choose a timezone." });
  else if (!clock) {
    errors.push({ field: "timezone", message: `Unknown timezone "${zone}". Use an IANA name like Europe/Paris.` });
  }
  if (!parsed.ok || !clock) return { ok: false, errors };
  return { ok: true, expression: parsed.expression, wall: parsed.wall, clock };
}

/** Parses a schedule into what the run computations need, or reports every problem at once. */
export function compileSchedule(cron: unknown, timezone: unknown): { ok: true; schedule: CompiledSchedule } | Failure {
  // Length-prefixed so that no two (cron, timezone) pairs share a key.
  const key = typeof cron === "string" && typeof timezone === "string" ? `${timezone.length}:${timezone}${cron}` : null;
  const cached = key === null ? undefined : compiledSchedules.get(key);
  if (cached) return { ok: true, schedule: cached };
  const checked = checkSchedule(cron, timezone);
  if (!checked.ok) return checked;
  const { expression, wall, clock } = checked;
  const zoned = new Cron(expression, { ...CRONER_OPTIONS, timezone: clock.timezone });
  const nextRuns = createMemo<number | null>(NEXT_RUN_MEMO_CAPACITY);
  const nextZonedRun = (cursorMs: number) => {
    const key = String(cursorMs);
    const known = nextRuns.get(key);
    if (known !== undefined) return known;
    const run = zoned.nextRun(new Date(cursorMs))?.getTime() ?? null;
    nextRuns.set(key, run);
    return run;
  };
  const schedule = Object.freeze({ expression, timezone: clock.timezone, zoned, wall, clock, nextZonedRun });
  if (key !== null) compiledSchedules.set(key, schedule);
  return { ok: true, schedule };
}

/** Like {@link compileSchedule}, for functions that compute runs: throws {@link InvalidScheduleError}. */
export function requireSchedule(cron: string, timezone: string): CompiledSchedule {
  const compiled = compileSchedule(cron, timezone);
  if (!compiled.ok) throw new InvalidScheduleError(compiled.errors);
  return compiled.schedule;
}

function parseAlias(alias: string, tokenCount: number): ParsedExpression {
  const name = alias.toLowerCase();
  if (name === "@reboot") {
    return fail("expression", "@reboot is not supported: jobs run on a schedule, not when a server starts.");
  }
  const expression = CRON_ALIASES[name];
  if (!expression) {
    return fail("expression", `Unknown shortcut "${shorten(alias)}". Use @hourly, @daily, @weekly, @monthly or @yearly.`);
  }
  if (tokenCount > 1) return fail("expression", `A shortcut like ${name} stands alone: remove what follows it.`);
  return build(expression);
}

function build(expression: string): ParsedExpression {
  let wall: Cron;
  try {
    // A fixed zero offset, not timezone "UTC": same answers, without croner's Intl round trips.
    wall = new Cron(expression, { ...CRONER_OPTIONS, utcOffset: 0 });
  } catch (error) {
    // The field checks should catch everything croner refuses; this keeps an unexpected case readable.
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, "") : String(error);
    return fail("expression", `This cron expression is not valid: ${reason}`);
  }
  if (wall.nextRun(new Date(NEVER_RUNS_REFERENCE_MS)) === null) return fail("expression", neverRunsMessage(expression));
  return { ok: true, expression, wall };
}

function fieldCountMessage(tokens: string[]): string {
  if (tokens.length === 6) {
    return `This expression has 6 fields. Use 5 (${FIELD_LIST}): seconds are not supported, jobs run at most once a minute.`;
  }
  if (tokens.length === 7) {
    return `This expression has 7 fields. Use 5 (${FIELD_LIST}): seconds and years are not supported, jobs run at most once a minute.`;
  }
  if (tokens.length === 1) {
    const token = shorten(tokens[0] ?? "");
    return `"${token}" is not a cron expression. Use 5 fields separated by spaces (${FIELD_LIST}), like "0 9 * * 1-5", or a shortcut like @daily.`;
  }
  return `A cron expression has 5 fields separated by spaces (${FIELD_LIST}); this one has ${tokens.length}.`;
}

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

/**
 * Only day-of-month and month together can make an expression that never runs (day-of-week is ORed in
 * whenever it is restricted), so the message names them, read from croner's own parse.
 */
function neverRunsMessage(expression: string): string {
  const pattern = new CronPattern(expression, undefined, { mode: "5-part" });
  const months = MONTH_NAMES.filter((_, index) => pattern.month[index] === 1);
  const days = pattern.day.flatMap((flag, index) => (flag === 1 ? [index + 1] : []));
  if (months.length === 0 || days.length === 0) return "This schedule never runs: no date matches its day of month and month.";
  const subject = joinWords(months);
  const verb = months.length === 1 ? "has" : "have";
  return `This schedule never runs: ${subject} never ${verb} a ${joinWords(days.map(ordinal), "or")}.`;
}

function ordinal(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return `${day}${suffix}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[], conjunction = "and"): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function fail(field: ScheduleError["field"], message: string): ParsedExpression {
  return { ok: false, errors: [{ field, message }] };
}
