"use client";

import { z } from "zod";
import { OPERATOR_VALUE_KINDS } from "../../shared/filters";
import { CONDITION_OPERATORS } from "../../shared/filters/operators";
import type { Condition, ConditionOperator, JsonValue } from "../../shared/schemas";

/** Filters as the builder edits them: conditions may still be incomplete (the form's schema reports that). */
export interface FilterBuilderValue {
  match?: "all" | "any" | undefined;
  conditions: Condition[];
}

function parseJson(text: string): { ok: true; value: JsonValue } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    return { ok: false };
  }
}

/** Text that would read back as something else than itself (`42`, `true`, `[1]`, `"x"`) is shown quoted. */
function encodeJson(value: JsonValue): string {
  if (typeof value === "string") return parseJson(value).ok ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** Numbers, true/false, null, lists and objects as JSON; anything else is text. */
function decodeJson(text: string): JsonValue {
  const parsed = parseJson(text.trim());
  return parsed.ok ? parsed.value : text;
}

function isPlainListItem(item: JsonValue): boolean {
  return typeof item === "string" && item.trim() === item && item !== "" && !/[,"]/.test(item) && !parseJson(item).ok;
}

/** The text a value input shows for a condition's value. */
export function encodeConditionValue(op: ConditionOperator, value: JsonValue | undefined): string {
  if (value === undefined) return "";
  switch (OPERATOR_VALUE_KINDS[op]) {
    case "none":
      return "";
    case "text":
    case "pattern":
    case "numberOrDate":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "json":
      return encodeJson(value);
    case "list":
      if (!Array.isArray(value)) return JSON.stringify(value);
      return value.every(isPlainListItem) ? (value as string[]).join(", ") : JSON.stringify(value);
  }
}

/** The condition value for what the user typed; `undefined` for an empty box (the schema then asks for one). */
export function decodeConditionValue(op: ConditionOperator, text: string): JsonValue | undefined {
  const kind = OPERATOR_VALUE_KINDS[op];
  if (kind === "none" || text.trim() === "") return undefined;
  switch (kind) {
    case "text":
    case "pattern":
      return text;
    case "numberOrDate":
      return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim();
    case "json":
      return decodeJson(text);
    case "list": {
      const trimmed = text.trim();
      if (trimmed.startsWith("[")) {
        const parsed = parseJson(trimmed);
        if (parsed.ok && Array.isArray(parsed.value)) return parsed.value;
      }
      return trimmed
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "")
        .map(decodeJson);
    }
  }
}

const LooseFilters = z
  .object({
    match: z.enum(["all", "any"], { error: '"match" must be "all" or "any".' }).optional(),
    conditions: z.array(
      z
        .object({
          path: z.string({ error: "each condition needs a text \"path\"." }),
          op: z.enum(CONDITION_OPERATORS, { error: `"op" must be one of ${CONDITION_OPERATORS.join(", ")}.` }),
          value: z.json().optional(),
        })
        .strict(),
      { error: '"conditions" must be a list.' },
    ),
  })
  .strict();

export type ParsedFilters = { ok: true; value: FilterBuilderValue } | { ok: false; kind: "json" | "shape"; detail: string };

/** Reads the JSON mode's text: valid JSON in the filters' shape, or why not (values are checked by the form). */
export function parseFiltersJson(text: string): ParsedFilters {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, kind: "json", detail: error instanceof Error ? error.message : String(error) };
  }
  const result = LooseFilters.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `at ${issue.path.join(".")}, ` : "";
  return { ok: false, kind: "shape", detail: `${where}${issue?.message ?? "unexpected shape."}` };
}

/** The JSON mode's text for filters (two-space indent, `match` first). */
export function stringifyFilters(value: FilterBuilderValue): string {
  return JSON.stringify({ match: value.match ?? "all", conditions: value.conditions }, null, 2);
}
