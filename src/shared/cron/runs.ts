import type { CompiledSchedule } from "./compile";
import type { OffsetTransition } from "./timezone";
import { MAX_OFFSET_JUMP_MS, findTransitions } from "./timezone";

/**
 * The runs of a schedule strictly after `fromMs`, ascending, as epoch milliseconds, following the DST
 * policy documented in `occurrences.ts`. Lazy, so callers stop as soon as they have enough.
 *
 * Croner in the schedule's zone produces the runs. Croner follows Vixie cron, which treats "interval"
 * expressions (a `*`, step, list or range in minute or hour) differently from fixed times at DST
 * changes; this corrects those cases so every expression follows the same policy:
 * - a run croner reports on the second pass of a repeated hour is dropped (its first pass was kept);
 * - when the clock jumps forward over local times the expression names, the first instant after the
 *   jump is a run (croner already does this for single fixed times; for the rest it is added here).
 */
export function* runsAfter(schedule: CompiledSchedule, fromMs: number): Generator<number, void, undefined> {
  const { clock } = schedule;
  let cursor = fromMs;
  let cursorOffset = clock.offsetMs(cursor);
  let secondPassUntil = Number.NEGATIVE_INFINITY;
  for (const transition of findTransitions(clock, fromMs - MAX_OFFSET_JUMP_MS, fromMs, undefined, cursorOffset)) {
    if (isFallBack(transition)) secondPassUntil = secondPassEnd(transition);
  }
  let last = fromMs;
  for (;;) {
    const run = schedule.nextZonedRun(cursor);
    if (run === null) return;
    const runOffset = clock.offsetMs(run);
    for (const transition of findTransitions(clock, cursor, run, cursorOffset, runOffset)) {
      if (isFallBack(transition)) {
        secondPassUntil = secondPassEnd(transition);
      } else if (transition.at > last && skippedWallTimes(schedule, transition, 1).length > 0) {
        last = transition.at;
        yield transition.at;
      }
    }
    if (run > last && run >= secondPassUntil) {
      last = run;
      yield run;
    }
    cursor = run;
    cursorOffset = runOffset;
  }
}

/** Whether the clock goes back at this transition, so a range of local times happens twice. */
export function isFallBack(transition: OffsetTransition): boolean {
  return transition.offsetAfter < transition.offsetBefore;
}

/** The end of the second pass through the repeated local times (exclusive). */
export function secondPassEnd(transition: OffsetTransition): number {
  return transition.at + (transition.offsetBefore - transition.offsetAfter);
}

/**
 * The local times named by the expression that a spring-forward transition skips, as wall-clock
 * milliseconds (read with `getUTC…`), at most `limit` of them. Croner on the wall clock answers, so no
 * matching is done here.
 */
export function skippedWallTimes(schedule: CompiledSchedule, transition: OffsetTransition, limit: number): number[] {
  const gapStart = transition.at + transition.offsetBefore;
  const gapEnd = transition.at + transition.offsetAfter;
  const times: number[] = [];
  let cursor = gapStart - 1000;
  while (times.length < limit) {
    const next = schedule.wall.nextRun(new Date(cursor));
    if (next === null || next.getTime() >= gapEnd) break;
    cursor = next.getTime();
    times.push(cursor);
  }
  return times;
}
