"use client";

import { evaluateFilters, type FilterEvaluation, type FilterSet } from "../../shared/filters";
import { actionFormToAction, type JsonObject, type JsonValue, type TriggerForm } from "../../shared/schemas";
import { renderTemplate } from "../../shared/template";
import { eventVariables } from "../../shared/variables";

/** What a sample event would do with the form as it stands. */
export interface SamplePreview {
  filters: FilterEvaluation;
  /** Chat: the message the agent would receive. */
  message?: string | undefined;
  /** Workflow: the input it would receive. */
  input?: JsonValue | undefined;
  /** Template variables the sample has no value for. */
  missing: string[];
}

/**
 * Runs the form's filters and action on a sample payload with the same shared functions the engine uses
 * (`evaluateFilters`, `eventVariables`, `renderTemplate`), so the preview says what a real event would do.
 */
export function previewSampleEvent(form: TriggerForm, data: JsonObject, context: { now: Date; agentName: string }): SamplePreview {
  // The form keeps values as `unknown` (see TriggerForm); they come from JSON inputs, and the evaluator checks each.
  const filters = evaluateFilters(form.filters as FilterSet, data);
  const variables = eventVariables({
    trigger: { name: form.name.trim() || "Trigger" },
    event: { id: "msg_sample", type: form.source.triggerSlug, source: form.source.toolkit, time: context.now.toISOString(), data },
    agent: { name: context.agentName },
  });
  const action = actionFormToAction(form.action);
  if (action.type === "chat") {
    const rendered = renderTemplate(action.template, variables);
    return { filters, message: rendered.text, missing: rendered.missing };
  }
  const input = action.input ?? { mode: "payload" as const };
  if (input.mode === "payload") return { filters, input: data, missing: [] };
  if (input.mode === "static") return { filters, input: input.value, missing: [] };
  const missing = new Set<string>();
  const fields: JsonObject = {};
  for (const [name, template] of Object.entries(input.fields)) {
    const rendered = renderTemplate(template, variables);
    rendered.missing.forEach((m) => missing.add(m));
    Object.defineProperty(fields, name, { value: rendered.text, enumerable: true, writable: true, configurable: true });
  }
  return { filters, input: fields, missing: [...missing] };
}

/** A value as the preview quotes it: text in curly quotes, anything else as JSON. */
export function quoteValue(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "string" ? `“${value.length > 80 ? `${value.slice(0, 80)}…` : value}”` : JSON.stringify(value);
}
