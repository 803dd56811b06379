import type { JsonValue, Run } from "../../shared/schemas";
import { truncateUtf8, utf8ByteLength, utf8Prefix } from "../../shared/utf8";

/**
 * Bounds of what a run stores, so that one job's history stays small whatever its template, input or executor
 * does: with the defaults, a run's message, input, error and warnings take at most about 90 KB, so a history of
 * 50 runs stays under 5 MB. The message and input bounds are `limits` options; these are fixed.
 */
export const MAX_ERROR_BYTES = 2048;
export const MAX_WARNINGS = 20;
export const MAX_WARNING_BYTES = 1024;
/** Room a stored input summary keeps for its own keys around the preview. */
const SUMMARY_OVERHEAD_BYTES = 128;

const bytesText = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes`;

/** An error message as stored on a run: at most `MAX_ERROR_BYTES` of UTF-8. */
export function boundError(message: string): string {
  return truncateUtf8(message, MAX_ERROR_BYTES).text;
}

/**
 * Warnings as stored on a run: each at most `MAX_WARNING_BYTES`, at most `MAX_WARNINGS` of them (the last one
 * then says how many were left out). A template with thousands of missing names cannot bloat a run.
 */
export function boundWarnings(warnings: readonly string[]): string[] {
  const kept = warnings.length > MAX_WARNINGS ? warnings.slice(0, MAX_WARNINGS - 1) : warnings;
  const bounded = kept.map((warning) => truncateUtf8(warning, MAX_WARNING_BYTES).text);
  if (warnings.length > MAX_WARNINGS) bounded.push(`…and ${warnings.length - kept.length} more warnings.`);
  return bounded;
}

/** The JSON text of a value and its size in bytes of UTF-8. */
function serialised(value: JsonValue): { json: string; bytes: number } {
  const json = JSON.stringify(value);
  return { json, bytes: utf8ByteLength(json) };
}

/**
 * The workflow input as stored on the run: the input itself when its JSON fits in `maxBytes`, otherwise a
 * summary `{ truncated: true, bytes, preview }` (the start of its JSON) and a warning. The executor is called
 * with the whole input either way.
 */
export function storedInput(input: JsonValue, maxBytes: number): { input: JsonValue; warning?: string | undefined } {
  const { json, bytes } = serialised(input);
  if (bytes <= maxBytes) return { input };
  // The preview is a JSON string inside JSON, so its quotes and backslashes are escaped again: shrink it until
  // the summary itself fits (escaping at most sextuples a character, so this ends within a few rounds).
  let budget = maxBytes - SUMMARY_OVERHEAD_BYTES;
  let summary = { truncated: true, bytes, preview: utf8Prefix(json, budget) };
  for (let size = serialised(summary).bytes; size > maxBytes && budget > 0; size = serialised(summary).bytes) {
    budget = Math.max(0, budget - Math.max(size - maxBytes, Math.ceil(budget / 6)));
    summary = { truncated: true, bytes, preview: utf8Prefix(json, budget) };
  }
  return {
    input: summary,
    warning: `The workflow input is ${bytesText(bytes)} of JSON, more than the ${bytesText(maxBytes)} kept on a run (limits.maxStoredInputBytes): the run shows its start only. The workflow received all of it.`,
  };
}

/**
 * The event kept on a queued trigger run (for restart recovery) when its JSON fits in `maxBytes`; otherwise
 * none, with a warning saying what that means.
 */
export function queuedEvent(event: NonNullable<Run["event"]>, maxBytes: number): { event?: NonNullable<Run["event"]> | undefined; warning?: string | undefined } {
  const { bytes } = serialised(event);
  if (bytes <= maxBytes) return { event };
  return {
    warning: `The event is ${bytesText(bytes)} of JSON, more than the ${bytesText(maxBytes)} kept on a queued run (limits.maxQueuedEventBytes): if the server stops before this run starts, the run fails instead of running.`,
  };
}
