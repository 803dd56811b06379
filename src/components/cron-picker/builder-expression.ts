"use client";

/** The Builder tab's choices, and the expression they stand for. */
export type BuilderUnit = "minutes" | "hours" | "days" | "weeks" | "months";

export interface BuilderState {
  every: number;
  unit: BuilderUnit;
  /** "HH:MM", 24-hour. */
  time: string;
  /** Cron day numbers, 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  /** A day-of-month field ("1,15"), empty for every day. */
  monthDays: string;
}

export const DEFAULT_BUILDER: BuilderState = { every: 1, unit: "days", time: "09:00", weekdays: [], monthDays: "" };

/** Mon … Sun, as cron numbers: the order the toggle buttons are shown in. */
export const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

function step(every: number): string {
  return every <= 1 ? "*" : `*/${every}`;
}

/** "1,2,3,4,5" → "1-5": runs of three or more days become ranges. */
function dayList(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    const start = sorted[i];
    const end = sorted[j];
    if (j - i >= 2) parts.push(`${start}-${end}`);
    else parts.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  return parts.join(",");
}

function timeParts(time: string): [string, string] {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return ["0", "9"];
  return [String(Number(match[2])), String(Number(match[1]))];
}

/** The cron expression for the builder's choices. */
export function builderToCron(state: BuilderState): string {
  const [minute, hour] = timeParts(state.time);
  const days = state.weekdays.length > 0 ? dayList(state.weekdays) : "*";
  const monthDays = state.monthDays.trim().replace(/\s+/g, "");
  switch (state.unit) {
    case "minutes":
      return `${step(state.every)} * * * *`;
    case "hours":
      return `${minute} ${step(state.every)} * * *`;
    case "days":
      return `${minute} ${hour} ${monthDays || step(state.every)} * ${days}`;
    case "weeks":
      return `${minute} ${hour} * * ${state.weekdays.length > 0 ? days : "1"}`;
    case "months":
      return `${minute} ${hour} ${monthDays || "1"} ${step(state.every)} *`;
  }
}

function expandDays(field: string): number[] | null {
  if (field === "*") return [];
  const days: number[] = [];
  for (const part of field.split(",")) {
    const range = /^(\d)(?:-(\d))?$/.exec(part);
    if (!range) return null;
    const start = Number(range[1]);
    const end = Number(range[2] ?? range[1]);
    for (let day = start; day <= end; day += 1) days.push(day % 7);
  }
  return days;
}

const NUMBER = /^\d+$/;
const pad = (value: string) => value.padStart(2, "0");

/** The builder's choices for an expression it could have written, or `null` (then the builder starts fresh). */
export function cronToBuilder(cron: string): BuilderState | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute = "", hour = "", dom = "", month = "", dow = ""] = fields;
  const every = (field: string) => (field === "*" ? 1 : /^\*\/(\d+)$/.test(field) ? Number(field.slice(2)) : null);
  const time = NUMBER.test(hour) && NUMBER.test(minute) ? `${pad(hour)}:${pad(minute)}` : null;
  const weekdays = expandDays(dow);
  if (hour === "*" && dom === "*" && month === "*" && dow === "*" && every(minute) !== null) {
    return { ...DEFAULT_BUILDER, unit: "minutes", every: every(minute) ?? 1 };
  }
  if (NUMBER.test(minute) && every(hour) !== null && hour !== "*" && dom === "*" && month === "*" && dow === "*") {
    return { ...DEFAULT_BUILDER, unit: "hours", every: every(hour) ?? 1, time: `00:${pad(minute)}` };
  }
  if (!time || weekdays === null) return null;
  if (month === "*" && dom === "*" && dow !== "*") return { ...DEFAULT_BUILDER, unit: "weeks", time, weekdays };
  if (month === "*" && every(dom) !== null) return { ...DEFAULT_BUILDER, unit: "days", every: every(dom) ?? 1, time, weekdays };
  if (month === "*" && /^[\d,-]+$/.test(dom)) return { ...DEFAULT_BUILDER, unit: "days", time, weekdays, monthDays: dom };
  if (every(month) !== null && dow === "*" && /^[\d,-]+$/.test(dom)) {
    return { ...DEFAULT_BUILDER, unit: "months", every: every(month) ?? 1, time, monthDays: dom === "1" ? "" : dom };
  }
  return null;
}
