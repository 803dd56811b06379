"use client";

import { formatDateTime } from "../../client/format";
import type { TimeWindowFields } from "../../shared/cron/window";
import { useFormat, useLabels } from "../../client/settings";

/** The time fields a schedule value may carry (one-time, start, end, run limit, jitter), as the job form holds them. */
export type TimeWindowValue = TimeWindowFields & { in?: { amount: number; unit: "minutes" | "hours" | "days" } | undefined };

const KEYS = ["kind", "at", "startAt", "endAt", "maxRuns", "jitterMinutes"] as const;

export function sameTimeWindowValue(a: TimeWindowValue, b: TimeWindowValue): boolean {
  return KEYS.every((key) => a[key] === b[key]) && a.in?.amount === b.in?.amount && a.in?.unit === b.in?.unit;
}

/**
 * The time fields to send with `schedule.preview`: only those filled in and fit to send (a number being typed that
 * is not one yet is left out), so the preview answers for what the form will save.
 */
export function timeWindowInput(value: TimeWindowValue): TimeWindowValue {
  const out: TimeWindowValue = {};
  const text = (v: string | undefined) => (v && v.trim() && v.length <= 40 ? v.trim() : undefined);
  const whole = (v: number | undefined) => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
  const jitter = whole(value.jitterMinutes);
  if (jitter) out.jitterMinutes = jitter;
  if (value.kind === "once") {
    out.kind = "once";
    const amount = whole(value.in?.amount);
    if (value.in && amount !== undefined) out.in = { amount, unit: value.in.unit };
    else if (text(value.at)) out.at = text(value.at);
    return out;
  }
  if (text(value.startAt)) out.startAt = text(value.startAt);
  if (text(value.endAt)) out.endAt = text(value.endAt);
  const maxRuns = whole(value.maxRuns);
  if (maxRuns !== undefined) out.maxRuns = maxRuns;
  return out;
}

/** A run's jitter window in the preview: "9:00 AM – 9:10 AM" (the run starts somewhere in it). */
export function JitterWindow({ run, zone }: { run: { at: string; occurrence?: string | undefined; windowEnd?: string | undefined }; zone: string }) {
  const labels = useLabels().timeWindow;
  const format = useFormat();
  if (!run.windowEnd) return null;
  const time = (at: string) => formatDateTime(at, { locale: format.locale, timeZone: zone }, { hour: "numeric", minute: "2-digit" });
  return (
    <span className="planner-jitter-window" data-slot="planner-jitter-window">
      {" "}
      ({labels.window(time(run.occurrence ?? run.at), time(run.windowEnd))})
    </span>
  );
}
