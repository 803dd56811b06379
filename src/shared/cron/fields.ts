/** The five fields of an expression, in order. */
export const CRON_FIELDS = ["minute", "hour", "dayOfMonth", "month", "dayOfWeek"] as const;
export type CronField = (typeof CRON_FIELDS)[number];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  /** Croner refuses steps larger than the number of values in the field. */
  maxStep: number;
  /** Names standing for numbers (`JAN` = 1, `SUN` = 0), if the field has any. */
  names?: Readonly<Record<string, number>> | undefined;
  /** `?` is accepted as `*` in the two day fields, as Quartz-style expressions write it. */
  allowsQuestionMark: boolean;
  /** What the field accepts, for messages. */
  usage: string;
  /** The range messages and labels name, when the field also accepts an alias past it (day 7 is Sunday, like 0). */
  shownMax?: number | undefined;
}

const MONTH_NAMES: Readonly<Record<string, number>> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};
const DAY_NAMES: Readonly<Record<string, number>> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

const SPECS: Readonly<Record<CronField, FieldSpec>> = {
  minute: {
    label: "Minute",
    min: 0,
    max: 59,
    maxStep: 60,
    allowsQuestionMark: false,
    usage: "a number from 0 to 59, *, a range like 0-29, a step like */15 or a list like 0,30",
  },
  hour: {
    label: "Hour",
    min: 0,
    max: 23,
    maxStep: 24,
    allowsQuestionMark: false,
    usage: "a number from 0 to 23, *, a range like 9-17, a step like */2 or a list like 9,17",
  },
  dayOfMonth: {
    label: "Day of month",
    min: 1,
    max: 31,
    maxStep: 31,
    allowsQuestionMark: true,
    usage: "a number from 1 to 31, *, a range like 1-15, a step like */2 or a list like 1,15",
  },
  month: {
    label: "Month",
    min: 1,
    max: 12,
    maxStep: 12,
    names: MONTH_NAMES,
    allowsQuestionMark: false,
    usage: "a number from 1 to 12 or JAN-DEC, *, a range like JAN-MAR, a step like */3 or a list like 1,7",
  },
  dayOfWeek: {
    label: "Day of week",
    min: 0,
    max: 7,
    shownMax: 6,
    maxStep: 7,
    names: DAY_NAMES,
    allowsQuestionMark: true,
    usage: "a number from 0 to 6 (0 is Sunday; 7 is Sunday too) or SUN-SAT, *, a range like MON-FRI, a step like */2 or a list like MON,WED,FRI",
  },
};

/**
 * Checks one field's syntax and ranges, so a form can say which field is wrong and why. Returns the
 * first problem as a sentence, or `null`. Croner still parses the whole expression afterwards: this only
 * words the errors, it does not decide what an expression means.
 */
export function checkField(field: CronField, text: string): string | null {
  const spec = SPECS[field];
  const items = text.split(",");
  for (const item of items) {
    if (item === "") return `${spec.label} has an empty item in "${text}".`;
    const problem = checkItem(spec, item);
    if (problem) return problem;
  }
  return null;
}

function checkItem(spec: FieldSpec, item: string): string | null {
  const slashes = item.split("/");
  if (slashes.length > 2) return invalid(spec, item);
  const [base = "", step] = slashes;
  if (step !== undefined) {
    if (!/^\d+$/.test(step)) return `${spec.label} step must be a whole number, got "${step}".`;
    const stepValue = Number(step);
    if (stepValue < 1 || stepValue > spec.maxStep) {
      return `${spec.label} step must be between 1 and ${spec.maxStep}, got ${stepValue}.`;
    }
  }
  if (base === "*") return null;
  if (base === "?" && spec.allowsQuestionMark) return step === undefined ? null : invalid(spec, item);
  if (base.includes("-")) return checkRange(spec, base);
  const value = readValue(spec, base);
  if (typeof value === "string") return value;
  if (step !== undefined) {
    return `${spec.label} step "${item}" needs * or a range before the slash, e.g. */${step} or ${base}-${spec.shownMax ?? spec.max}/${step}.`;
  }
  return null;
}

function checkRange(spec: FieldSpec, range: string): string | null {
  const ends = range.split("-");
  if (ends.length !== 2 || ends[0] === "" || ends[1] === "") {
    return `${spec.label} range "${range}" is incomplete: write it as start-end, like ${spec.min}-${spec.shownMax ?? spec.max}.`;
  }
  const start = readValue(spec, ends[0] ?? "");
  if (typeof start === "string") return start;
  let end = readValue(spec, ends[1] ?? "");
  if (typeof end === "string") return end;
  // Croner reads SUN at the end of a range as 7, so MON-SUN is Monday through Sunday.
  if (spec.names === DAY_NAMES && ends[1]?.toUpperCase() === "SUN") end = 7;
  if (start > end) return `${spec.label} range "${range}" goes backwards: the start must not be after the end.`;
  return null;
}

/** The number a value stands for, or a message saying why it is not one. */
function readValue(spec: FieldSpec, text: string): number | string {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      const names = spec.names === MONTH_NAMES ? " (or JAN-DEC)" : spec.names === DAY_NAMES ? " (0 is Sunday, 7 is Sunday too; or SUN-SAT)" : "";
      return `${spec.label} must be between ${spec.min} and ${spec.shownMax ?? spec.max}${names}, got ${value}.`;
    }
    return value;
  }
  if (/^[A-Za-z]+$/.test(text)) {
    const name = text.toUpperCase();
    const value = spec.names?.[name];
    if (value !== undefined) return value;
    if (spec.names !== DAY_NAMES && name in DAY_NAMES) {
      return `${spec.label} cannot be a day of the week ("${text}"). Use ${spec.usage}.`;
    }
    if (spec.names !== MONTH_NAMES && name in MONTH_NAMES) {
      return `${spec.label} cannot be a month ("${text}"). Use ${spec.usage}.`;
    }
  }
  return invalid(spec, text);
}

function invalid(spec: FieldSpec, text: string): string {
  const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  return `${spec.label} "${shown}" is not valid. Use ${spec.usage}.`;
}
