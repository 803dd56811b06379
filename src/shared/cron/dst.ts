import { compileSchedule, joinWords } from "./compile";
import type { CompiledSchedule } from "./compile";
import { isFallBack, skippedWallTimes } from "./runs";
import type { OffsetTransition } from "./timezone";
import { MAX_OFFSET_JUMP_MS, findTransitions, formatDuration, formatOffset, formatWallDate, formatWallTime } from "./timezone";

/** Beyond this many local times, a note gives a count and a span instead of a list. */
const LISTED_TIMES = 4;
/** Enough to cover every minute of the longest jump (2 hours). */
const MAX_GAP_MINUTES = 121;

/**
 * Sentences about the DST changes that affect `runs` (typically the next runs from `nextRuns` for the
 * same schedule), oldest first, for a schedule preview:
 * - a run moved because its local time does not exist that day;
 * - a run whose local time happens twice, and which of the two it uses;
 * - a change between two runs, after which the same local time is at a different UTC time.
 *
 * Returns `[]` when no run is affected or the schedule is invalid; never throws.
 *
 * @example
 * dstNotes("30 2 * * *", "America/New_York", [new Date("2026-03-08T07:00:00Z")]);
 * // ["Clocks go forward on Sun 8 Mar 2026 in America/New_York: 02:30 does not exist that day, so the run happens at 03:00."]
 */
export function dstNotes(cron: string, timezone: string, runs: readonly Date[]): string[] {
  const compiled = compileSchedule(cron, timezone);
  if (!compiled.ok) return [];
  const times = [...new Set(runs.map((run) => (run instanceof Date ? run.getTime() : Number.NaN)))]
    .filter((time) => Number.isFinite(time))
    .sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return [];

  const notes: string[] = [];
  for (const transition of findTransitions(compiled.schedule.clock, first - 1000, last + MAX_OFFSET_JUMP_MS)) {
    const input = { schedule: compiled.schedule, transition, times, first, last };
    const note = isFallBack(transition) ? fallBackNote(input) : springForwardNote(input);
    if (note) notes.push(note);
  }
  return notes;
}

type NoteInput = { schedule: CompiledSchedule; transition: OffsetTransition; times: number[]; first: number; last: number };

function springForwardNote({ schedule, transition, times, first, last }: NoteInput): string | null {
  const where = `Clocks go forward on ${formatWallDate(transition.at + transition.offsetAfter)} in ${schedule.timezone}`;
  const skipped = times.includes(transition.at) ? skippedWallTimes(schedule, transition, MAX_GAP_MINUTES) : [];
  if (skipped.length === 0) {
    return transition.at > first && transition.at <= last ? shiftNote(where, transition, "earlier") : null;
  }
  const landing = transition.at + transition.offsetAfter;
  const landingTime = formatWallTime(landing);
  if (skipped.length === 1 && !schedule.wall.match(new Date(landing))) {
    return `${where}: ${formatWallTime(skipped[0] ?? landing)} does not exist that day, so the run happens at ${landingTime}.`;
  }
  const verb = skipped.length === 1 ? "does" : "do";
  return `${where}: ${describeTimes(skipped)} ${verb} not exist that day, so the job runs once, at ${landingTime}.`;
}

function fallBackNote({ schedule, transition, times, first, last }: NoteInput): string | null {
  const where = `Clocks go back on ${formatWallDate(transition.at + transition.offsetAfter)} in ${schedule.timezone}`;
  const repeatStart = transition.at - (transition.offsetBefore - transition.offsetAfter);
  const affected = times
    .filter((time) => time >= repeatStart && time < transition.at)
    .map((time) => time + transition.offsetBefore);
  if (affected.length === 0) {
    return transition.at > first && transition.at <= last ? shiftNote(where, transition, "later") : null;
  }
  const offset = formatOffset(transition.offsetBefore);
  if (affected.length === 1) {
    const time = formatWallTime(affected[0] ?? repeatStart);
    return `${where}: ${time} happens twice that day, so the job runs once, at the first ${time} (${offset}).`;
  }
  return `${where}: ${describeTimes(affected)} happen twice that day, so each runs once, at its first occurrence (${offset}).`;
}

function shiftNote(where: string, transition: OffsetTransition, direction: "earlier" | "later"): string {
  const change = `${formatOffset(transition.offsetBefore)} to ${formatOffset(transition.offsetAfter)}`;
  const amount = formatDuration(transition.offsetAfter - transition.offsetBefore);
  return `${where} (${change}): from then on, runs happen at the same local time but ${amount} ${direction} in UTC.`;
}

function describeTimes(wallTimes: number[]): string {
  const labels = wallTimes.map(formatWallTime);
  if (labels.length <= LISTED_TIMES) return joinWords(labels);
  return `${labels.length} run times from ${labels[0]} to ${labels[labels.length - 1]}`;
}
