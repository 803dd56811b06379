import { appendFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/** One benchmark target: what was measured, the bound it must stay within, and what came out. */
export interface Target {
  /** What is measured, e.g. "p95" or "100,000 vs 1,000". */
  what?: string;
  value: number;
  /** `≤`/`<`: at most (time, memory, growth); `≥`: at least (throughput). */
  bound: "≤" | "<" | "≥";
  limit: number;
  /** "ms", "µs", "MB", "/s" or "×". */
  unit: string;
  /** How a number is printed; default: `digits` decimals (1). */
  format?: (value: number) => string;
  digits?: number;
  /** Which bound limits this number when it is missed, in words (e.g. the HTTP floor measured alongside). */
  hint?: string;
  /** Set when the target is missed whatever the number says (e.g. not every run happened), in words. */
  missedBecause?: string;
  /** The number does not depend on the machine's load (a size, a count): a miss then says nothing about the load. */
  loadIndependent?: boolean;
  /** The bound measured in the same run (e.g. the bare route's rate), for the report's ratio column. */
  reference?: { label: string; value: number };
}

/** One row of `npm run bench`'s table (written as a JSON line to `$BENCH_RESULTS_FILE` when it is set). */
export interface TargetRecord {
  bench: string;
  metric: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean;
  reason: string;
}

/** The 1-minute load average and the cores, read when a result is printed (this benchmark's own processes included). */
export interface Machine {
  loadAverage: number;
  cores: number;
}

export function currentMachine(): Machine {
  return { loadAverage: loadavg()[0] ?? 0, cores: availableParallelism() };
}

/** The machine's load in words: a number measured on an oversubscribed machine says little about the code. */
export function describeLoad({ loadAverage, cores }: Machine): string {
  const perCore = loadAverage / cores;
  const reading =
    perCore >= 1
      ? "more runnable work than cores, so part of the time was spent waiting for a CPU — rerun on an idle machine before reading it as a regression"
      : perCore >= 0.5
        ? "the machine was partly busy, so part of the miss may be other work"
        : "the machine was mostly idle, so the miss is the code's own cost";
  return `load ${loadAverage.toFixed(1)} on ${cores} cores: ${reading}`;
}

/**
 * `met target ≤ 10 ms: 4.2 ms`, or for a miss `MISSED target ≤ 1 ms: 1.4 ms (40% over the bound; load 3.1 on
 * 2 cores: …; <hint>)` — the number, the bound that applies and why it may have been missed, on one line.
 */
export function checkTarget(target: Target, machine: Machine = currentMachine()): string {
  const { value, bound, limit, unit } = target;
  const digits = target.digits ?? 1;
  const number = target.format ?? ((n: number) => n.toFixed(digits));
  const show = (n: number) => (unit === "×" ? `${number(n)}×` : `${number(n)} ${unit}`.replace(" /s", "/s"));
  const withinBound = bound === "≥" ? value >= limit : bound === "<" ? value < limit : value <= limit;
  const met = withinBound && !target.missedBecause;
  const shownLimit = limitText(target);
  const head = `target ${target.what ? `${target.what} ` : ""}${bound} ${shownLimit}: ${show(value)}`;
  const off = withinBound
    ? undefined
    : bound === "≥"
      ? `${Math.round((1 - value / limit) * 100)}% under the bound`
      : `${Math.round((value / limit - 1) * 100)}% over the bound`;
  const reason = met ? "" : [target.missedBecause, off, target.loadIndependent ? undefined : describeLoad(machine), target.hint].filter(Boolean).join("; ");
  record({
    bench: process.env.BENCH_NAME ?? "",
    metric: target.what ?? "",
    value: show(value),
    reference: target.reference ? `${target.reference.label}: ${show(target.reference.value)}` : "—",
    ratio: target.reference && target.reference.value !== 0 ? `${(value / target.reference.value).toFixed(2)}×` : "—",
    target: `${bound} ${shownLimit}`,
    met,
    reason,
  });
  return met ? `met ${head}` : `MISSED ${head} (${reason})`;
}

/** The bound as a target line shows it: `1000 ms`, `0.500 ms` (non-integer: `digits` decimals), `2,000/s` (`format`). */
function limitText(target: Pick<Target, "limit" | "unit" | "format" | "digits">): string {
  const { limit, unit } = target;
  const number = target.format ?? ((n: number) => n.toFixed(target.digits ?? 1));
  const show = (n: number) => (unit === "×" ? `${number(n)}×` : `${number(n)} ${unit}`.replace(" /s", "/s"));
  return target.format || !Number.isInteger(limit) ? show(limit) : unit === "×" ? `${limit}×` : `${limit} ${unit}`.replace(" /s", "/s");
}

function record(row: TargetRecord) {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/**
 * A target that could not be measured in this run (e.g. no PostgreSQL server to measure against):
 * `skipped: target <what> ≤ 10 ms: <reason>`. Nothing is recorded for `npm run bench`'s table, since a skipped row
 * is neither met nor missed.
 */
export function skippedTarget(target: Pick<Target, "what" | "bound" | "limit" | "unit" | "format" | "digits">, reason: string): string {
  return `skipped: target ${target.what ? `${target.what} ` : ""}${target.bound} ${limitText(target)}: ${reason}`;
}
