import type { JsonObject, JsonValue } from "../../shared/schemas";
import type { Action } from "../../shared/schemas";
import { renderTemplate } from "../../shared/template";
import type { RunSource } from "../options";

/** What the executor will be called with, built before the call and stored on the run. */
export type ExecutorCall =
  | { type: "chat"; message: string; title: string; threadKey?: string; warnings: string[] }
  | { type: "workflow"; workflowId: string; input: JsonValue; warnings: string[] };

function missingWarning(missing: string[]): string[] {
  return missing.length === 0 ? [] : [`Missing variable${missing.length === 1 ? "" : "s"}: ${missing.map((m) => `{${m}}`).join(", ")} (rendered as empty).`];
}

/**
 * Turns an action and its variables into an executor call. `defaultInput` is what a workflow gets
 * without an input mapping: `{}` for jobs, the event payload for triggers.
 */
export function buildCall(action: Action, variables: Record<string, JsonValue | undefined>, title: string, defaultInput: JsonValue, threadKeyDefault: string): ExecutorCall {
  if (action.type === "chat") {
    const rendered = renderTemplate(action.template, variables);
    const call: ExecutorCall = { type: "chat", message: rendered.text, title, warnings: missingWarning(rendered.missing) };
    const thread = action.thread ?? "new";
    if (thread === "reuse") call.threadKey = threadKeyDefault;
    else if (typeof thread === "object") {
      const key = renderTemplate(`{${thread.keyPath}}`, variables);
      call.threadKey = `${threadKeyDefault}:${key.text}`;
      call.warnings.push(...missingWarning(key.missing));
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
      for (const [field, template] of Object.entries(mapping.fields)) {
        const rendered = renderTemplate(template, variables);
        input[field] = rendered.text;
        rendered.missing.forEach((m) => missing.add(m));
      }
      return { type: "workflow", workflowId: action.workflowId, input, warnings: missingWarning([...missing]) };
    }
  }
}

export interface ExecutorOutcome {
  threadId?: string;
  workflowRunId?: string;
  url?: string;
}
export type { RunSource };
