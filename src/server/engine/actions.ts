import type { JsonObject, JsonValue } from "../../shared/schemas";
import type { Action } from "../../shared/schemas";
import { renderTemplate } from "../../shared/template";
import type { RunSource } from "../options";

/** What the executor will be called with, built before the call and stored on the run. */
export type ExecutorCall =
  | { type: "chat"; message: string; title: string; threadKey?: string | undefined; warnings: string[] }
  | {
      type: "workflow";
      workflowId: string;
      input: JsonValue;
      warnings: string[];
      /** `fields` mappings: the input fields that rendered empty, with the variables they missed. */
      unfilled?: Record<string, string[]> | undefined;
      /** Set before the call when the input cannot satisfy the workflow's input schema: the run fails with it. */
      inputProblem?: string | undefined;
    };

function missingWarning(missing: string[]): string[] {
  return missing.length === 0 ? [] : [`Missing variable${missing.length === 1 ? "" : "s"}: ${missing.map((m) => `{${m}}`).join(", ")} (rendered as empty).`];
}

const bytesText = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes`;

/** How big a rendered text may get: `limits.maxRenderedMessageBytes`. */
export interface BuildCallLimits {
  maxRenderedMessageBytes: number;
}

/**
 * Turns an action and its variables into an executor call. `defaultInput` is what a workflow gets
 * without an input mapping: `{}` for jobs, the event payload for triggers. Rendered text (the message, each
 * `fields` value, a thread key) is cut at `limits.maxRenderedMessageBytes`, with a warning.
 */
export function buildCall(
  action: Action,
  variables: Record<string, JsonValue | undefined>,
  title: string,
  defaultInput: JsonValue,
  threadKeyDefault: string,
  limits: BuildCallLimits,
): ExecutorCall {
  const maxBytes = limits.maxRenderedMessageBytes;
  const cap = `${bytesText(maxBytes)} (limits.maxRenderedMessageBytes)`;
  if (action.type === "chat") {
    const rendered = renderTemplate(action.template, variables, { maxBytes });
    const call: ExecutorCall = { type: "chat", message: rendered.text, title, warnings: missingWarning(rendered.missing) };
    if (rendered.truncated) call.warnings.push(`The rendered message was longer than ${cap} and was cut to that size.`);
    const thread = action.thread ?? "new";
    if (thread === "reuse") call.threadKey = threadKeyDefault;
    else if (typeof thread === "object") {
      const key = renderTemplate(`{${thread.keyPath}}`, variables, { maxBytes });
      call.threadKey = `${threadKeyDefault}:${key.text}`;
      call.warnings.push(...missingWarning(key.missing));
      if (key.truncated) call.warnings.push(`The thread key {${thread.keyPath}} was longer than ${cap} and was cut to that size.`);
    }
    return call;
  }
  const mapping = action.input;
  if (!mapping) return { type: "workflow", workflowId: action.workflowId, input: defaultInput, warnings: [] };
  switch (mapping.mode) {
    case "payload":
      return { type: "workflow", workflowId: action.workflowId, input: (variables.eventData ?? {}) as JsonValue, warnings: [] };
    case "static":
      return { type: "workflow", workflowId: action.workflowId, input: mapping.value, warnings: [] };
    case "fields": {
      const input: JsonObject = {};
      const missing = new Set<string>();
      const cut: string[] = [];
      const unfilled: Record<string, string[]> = {};
      for (const [field, template] of Object.entries(mapping.fields)) {
        const rendered = renderTemplate(template, variables, { maxBytes });
        Object.defineProperty(input, field, { value: rendered.text, enumerable: true, writable: true, configurable: true });
        rendered.missing.forEach((m) => missing.add(m));
        if (rendered.truncated) cut.push(field);
        if (rendered.text.trim() === "") Object.defineProperty(unfilled, field, { value: rendered.missing, enumerable: true, writable: true, configurable: true });
      }
      const warnings = missingWarning([...missing]);
      if (cut.length > 0) warnings.push(`Input field${cut.length === 1 ? "" : "s"} ${cut.join(", ")} rendered longer than ${cap} and ${cut.length === 1 ? "was" : "were"} cut to that size.`);
      return { type: "workflow", workflowId: action.workflowId, input, warnings, ...(Object.keys(unfilled).length > 0 ? { unfilled } : {}) };
    }
  }
}

export interface ExecutorOutcome {
  threadId?: string | undefined;
  workflowRunId?: string | undefined;
  url?: string | undefined;
  /** What a workflow answered (bounded like a run's input). */
  output?: JsonValue | undefined;
}
export type { RunSource };
