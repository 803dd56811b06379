import { minIntervalMinutes, type ScheduleErrorField, validateSchedule } from "../../../shared/cron";
import type { FieldError } from "../../errors";
import { InvalidInputError } from "../../errors";
import type { PlannerLimits } from "../../options";

export interface ScheduleLike {
  cron: string;
  timezone: string;
}

/**
 * A schedule problem on its input (`path`: `cron` or `timezone`) and on the part of it that is wrong (`field`:
 * one of the five cron fields, `timezone`, or `expression` for the whole expression, as in `validateSchedule`).
 */
export interface ScheduleProblem extends FieldError {
  path: "cron" | "timezone";
  field: ScheduleErrorField;
}

/**
 * Every rule a schedule must meet to be saved: valid cron and zone, and runs no closer together than the
 * host allows. `schedule.preview` reports the same problems, so the form never shows a schedule as valid
 * that saving would refuse.
 */
export function scheduleProblems(schedule: ScheduleLike, limits: Pick<PlannerLimits, "minIntervalMinutes">): ScheduleProblem[] {
  const validation = validateSchedule(schedule.cron, schedule.timezone);
  if (!validation.ok) {
    return validation.errors.map((e) => ({ path: e.field === "timezone" ? "timezone" : "cron", field: e.field, message: e.message }));
  }
  if (limits.minIntervalMinutes > 1) {
    const gap = minIntervalMinutes(schedule.cron, schedule.timezone);
    if (gap < limits.minIntervalMinutes) {
      return [
        {
          path: "cron",
          field: "expression",
          message: `Runs must be at least ${limits.minIntervalMinutes} minutes apart; this schedule runs ${gap} minute${gap === 1 ? "" : "s"} apart.`,
        },
      ];
    }
  }
  return [];
}

export function assertSchedule(schedule: ScheduleLike, limits: Pick<PlannerLimits, "minIntervalMinutes">): void {
  const problems = scheduleProblems(schedule, limits);
  if (problems.length > 0) {
    throw new InvalidInputError(
      problems[0]?.message ?? "The schedule is not valid.",
      problems.map((p) => ({ path: `schedule.${p.path}`, message: p.message })),
    );
  }
}
