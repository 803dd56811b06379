"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ScheduleErrorField } from "../../shared/cron";
import { usePlanner } from "../../client/trpc";
import { sameTimeWindowValue, timeWindowInput, type TimeWindowValue } from "./time-window";

export interface ScheduleValue extends TimeWindowValue {
  cron: string;
  timezone: string;
}

/** `value`, once it has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number, same: (a: T, b: T) => boolean): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (same(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, settled, delay, same]);
  return settled;
}

const sameSchedule = (a: ScheduleValue, b: ScheduleValue) => a.cron === b.cron && a.timezone === b.timezone && sameTimeWindowValue(a, b);

/** The schedule being edited, once it has stopped changing for ~150 ms (what the previews ask the server about). */
export function useSettledSchedule(value: ScheduleValue): ScheduleValue {
  return useDebounced(value, 150, sameSchedule);
}

/**
 * `schedule.preview` for what the user is typing: asked ~150 ms after the last keystroke, and the previous
 * answer stays on screen meanwhile, so the summary never flickers to a spinner. `answered` is the schedule the
 * data on screen is about (the summary words its sentence from it, so sentence and next runs always agree).
 */
export function useSchedulePreview(value: ScheduleValue, count = 5) {
  const trpc = usePlanner();
  const settled = useSettledSchedule(value);
  const query = useQuery(trpc.schedule.preview.queryOptions({ ...timeWindowInput(settled), cron: settled.cron, timezone: settled.timezone, count }, { placeholderData: keepPreviousData }));
  // The schedule the answer on screen is about: while the next answer loads, the previous one (and its schedule) stays.
  const [answered, setAnswered] = useState(settled);
  if (query.data && !query.isPlaceholderData && !sameSchedule(answered, settled)) setAnswered(settled);
  return Object.assign(query, { answered });
}

type PreviewError = { path: string; message: string; field?: ScheduleErrorField | undefined };

/**
 * The preview's errors by the part of the schedule they are about (the error's `field`), so each of the
 * five boxes can be marked; an error without one is about the whole expression or, by path, the timezone.
 */
export function errorsByField(errors: readonly PreviewError[]): Partial<Record<ScheduleErrorField, string>> {
  const byField: Partial<Record<ScheduleErrorField, string>> = {};
  for (const error of errors) byField[error.field ?? (error.path === "timezone" ? "timezone" : "expression")] ??= error.message;
  return byField;
}
