"use client";

import type { FieldErrors, Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { JobForm } from "../../shared/schemas";
import { inputProblems, type InputFieldSpec } from "./input-schema";

const ORDER = ["name", "description", "schedule", "action", "variables", "policy"];

/**
 * Every problem of the form values, in the order the fields appear, as `{ path, message }`: the shared schema's,
 * the chosen workflow's required inputs, and `templateProblem` (the template's unknown variables, which only the
 * server's variable catalog can tell).
 */
export function formProblems(values: JobForm, inputFields: readonly InputFieldSpec[] | null, templateProblem: string | null = null): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const result = JobForm.safeParse(values);
  if (!result.success) for (const issue of result.error.issues) problems.push({ path: issue.path.join("."), message: issue.message });
  if (values.action.type === "chat" && templateProblem) problems.push({ path: "action.template", message: templateProblem });
  if (values.action.type === "workflow" && values.action.inputKind === "values" && inputFields) {
    for (const [key, message] of Object.entries(inputProblems(inputFields, values.action.inputValues))) problems.push({ path: `action.inputValues.${key}`, message });
  }
  const rank = (path: string) => {
    const index = ORDER.indexOf(path.split(".")[0] ?? "");
    return index < 0 ? ORDER.length : index;
  };
  return problems.sort((a, b) => rank(a.path) - rank(b.path));
}

export interface JobFormContext {
  /** The chosen workflow's generated input fields, when it has an input schema. */
  inputFields: readonly InputFieldSpec[] | null;
}

const baseResolver = zodResolver(JobForm);

/** The shared `JobForm` schema as the resolver, plus the chosen workflow's required inputs (from `context`). */
export const jobFormResolver: Resolver<JobForm, JobFormContext> = async (values, context, options) => {
  const result = await baseResolver(values, context, options);
  const fields = context?.inputFields;
  if (values.action.type !== "workflow" || values.action.inputKind !== "values" || !fields) return result;
  const problems = Object.entries(inputProblems(fields, values.action.inputValues));
  if (problems.length === 0) return result;
  const errors = { ...result.errors } as FieldErrors<JobForm> & { action?: Record<string, unknown> | undefined };
  const inputValues = Object.fromEntries(problems.map(([key, message]) => [key, { type: "input", message }]));
  errors.action = { ...errors.action, inputValues };
  return { values: {}, errors: errors as FieldErrors<JobForm> };
};
