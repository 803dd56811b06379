import { readFile } from "node:fs/promises";
import { toSafeJson } from "../../../shared/safe-json";
import { EMPTY_PLANNER, MAX_JSON_DEPTH, PlannerConfig } from "../../../shared/schemas";
import { isCode } from "./atomic-write";
import { StoreCorruptError } from "../errors";
import { lineIndent, topLevelMembers } from "./json-members";
import { describeIssues } from "../core/validate";

/** An agent config as read from disk: the exact text (to rewrite in place) and the parsed planner. */
export interface AgentFile {
  path: string;
  /** The file's text without a byte-order mark, or `null` when the file does not exist. */
  text: string | null;
  /** The whole parsed config (`null` when the file does not exist). */
  config: Record<string, unknown> | null;
  planner: PlannerConfig;
}

const HOW_TO_FIX = "fix or remove the file; it was not changed.";

/**
 * Reads an agent config. A missing file, or one without a `planner` key, is an empty planner. A file that is not
 * a JSON object, or whose `planner` does not match the schema, is a {@link StoreCorruptError} naming the file.
 */
export async function readAgentFile(path: string): Promise<AgentFile> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT")) return { path, text: null, config: null, planner: structuredClone(EMPTY_PLANNER) };
    throw error;
  }
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(path, `Cannot read agent config ${path}: ${(error as Error).message} — ${HOW_TO_FIX}`, {
      cause: error,
    });
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    const found = Array.isArray(config) ? "an array" : config === null ? "null" : `a ${typeof config}`;
    throw new StoreCorruptError(
      path,
      `Cannot read agent config ${path}: expected a JSON object, found ${found} — ${HOW_TO_FIX}`,
    );
  }
  const record = config as Record<string, unknown>;
  if (!("planner" in record)) return { path, text, config: record, planner: structuredClone(EMPTY_PLANNER) };
  let parsed = PlannerConfig.safeParse(record.planner);
  if (!parsed.success) {
    // Written before reserved keys were refused, a `constructor` key would fail validation (and superjson) for
    // the whole agent; it is read as `constructor_` instead, and the next write stores that. The depth leaves
    // room for the planner's own nesting above each JSON value.
    const repaired = PlannerConfig.safeParse(toSafeJson(record.planner, MAX_JSON_DEPTH + 8).value);
    if (repaired.success) parsed = repaired;
  }
  if (!parsed.success) {
    throw new StoreCorruptError(
      path,
      `Agent config ${path} has an invalid "planner": ${describeIssues(parsed.error)} — ${HOW_TO_FIX}`,
      { cause: parsed.error },
    );
  }
  return { path, text, config: record, planner: parsed.data };
}

/**
 * The new text of an agent config with `planner` as its `planner` value. Only the planner's bytes change: the
 * value is replaced in place (or the key is added last), so every other key keeps its exact text and order.
 * The result is checked by parsing it back; a mismatch throws rather than writing something unexpected.
 */
export function renderAgentFile(file: AgentFile, planner: PlannerConfig): string {
  if (file.text === null || file.config === null) return `${JSON.stringify({ planner }, null, 2)}\n`;
  const text = file.text;
  const { members, close } = topLevelMembers(text);
  // JSON.parse keeps the last of duplicate keys, so that is the one to replace.
  const existing = members.findLast((member) => member.key === "planner");
  let next: string;
  if (existing) {
    const value = indented(planner, lineIndent(text, existing.keyStart));
    next = text.slice(0, existing.valueStart) + value + text.slice(existing.valueEnd);
  } else {
    const last = members.at(-1);
    const indent = last ? lineIndent(text, last.keyStart) : "  ";
    const member = `"planner": ${indented(planner, indent)}`;
    next = last
      ? `${text.slice(0, last.valueEnd)},${indent ? `\n${indent}` : ""}${member}${text.slice(last.valueEnd)}`
      : `${text.slice(0, close).trimEnd()}\n${indent}${member}\n${text.slice(close)}`;
  }
  checkRender(file, planner, next);
  return next.endsWith("\n") ? next : `${next}\n`;
}

function indented(planner: PlannerConfig, indent: string): string {
  return JSON.stringify(planner, null, 2).replace(/\n/g, `\n${indent}`);
}

function checkRender(file: AgentFile, planner: PlannerConfig, next: string) {
  const parsed = JSON.parse(next) as Record<string, unknown>;
  const { planner: written, ...rest } = parsed;
  const { planner: _previous, ...before } = file.config ?? {};
  // Both sides are plain JSON with their keys in written order (the planner's own, the file's other keys as read),
  // so equal values have equal JSON texts: comparing those is exact and much cheaper than a deep comparison.
  if (JSON.stringify(written) !== JSON.stringify(planner) || JSON.stringify(rest) !== JSON.stringify(before)) {
    throw new Error(`Could not update the planner in ${file.path} without changing other keys; it was not changed.`);
  }
}
