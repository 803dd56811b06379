import { describeSchedule, dstNotes, nextRuns } from "../../../shared/cron";
import type { SchedulePreviewInput, ScheduleFields } from "../../../shared/schemas";
import type { ScheduleContext } from "./context";
import { type ScheduleProblem, scheduleProblems } from "../jobs/schedule";
import { timeWindowPreview, wantsTimeWindow } from "./time-window";

export type { ScheduleProblem } from "../jobs/schedule";

export interface SchedulePreview {
  valid: boolean;
  /**
   * The problems the save would report, each on its input (`path`: `cron` or `timezone`) and on the part that is
   * wrong (`field`: `minute`, `hour`, `dayOfMonth`, `month`, `dayOfWeek`, `timezone`, or `expression` for the
   * whole expression), so a 5-field editor can mark the wrong box.
   */
  errors: ScheduleProblem[];
  description: string;
  nextRuns: {
    at: string;
    local: string;
    utc: string;
    /** With jitter: the occurrence the run is for, and the end of its jitter window (the run starts in between). */
    occurrence?: string | undefined;
    windowEnd?: string | undefined;
  }[];
  timezone: string;
  dstNotes: string[];
  /** Problems with the time fields (one-time, start, end, run limit, jitter), each on its field: ./time-window.ts. */
  timeErrors?: { path: string; message: string }[] | undefined;
  /** The schedule as the save would store it (with time fields: "in 2 hours" resolved, local dates as instants). */
  schedule?: ScheduleFields | undefined;
  /** The schedule has no run left (a one-time job in the past, past its end or run limit). */
  ended?: boolean | undefined;
}

function formatter(timeZone: string) {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
}

/**
 * What a schedule will do: its sentence, the next runs in the job's zone and in UTC, and DST notes.
 * Computed with the same functions the scheduler uses, so the preview never lies. Invalid input is an
 * answer (`valid: false` with field errors), not an error: the form calls this on every keystroke.
 */
export function schedulePreviewHandler({ ctx, input }: { ctx: ScheduleContext; input: SchedulePreviewInput }): SchedulePreview {
  if (wantsTimeWindow(input)) return timeWindowPreview(ctx, input, formatter);
  const cron = input.cron.trim();
  const timezone = input.timezone.trim();
  const errors = scheduleProblems({ cron, timezone }, ctx.deps.limits);
  if (errors.length > 0) {
    return { valid: false, errors, description: "", nextRuns: [], timezone, dstNotes: [] };
  }
  const from = input.from === undefined ? ctx.deps.clock() : input.from instanceof Date ? input.from : new Date(input.from);
  const runs = nextRuns(cron, timezone, { from, count: input.count });
  const local = formatter(timezone);
  const utc = formatter("UTC");
  return {
    valid: true,
    errors: [],
    description: describeSchedule(cron),
    nextRuns: runs.map((at) => ({ at: at.toISOString(), local: local.format(at), utc: utc.format(at) })),
    timezone,
    dstNotes: dstNotes(cron, timezone, runs),
  };
}
