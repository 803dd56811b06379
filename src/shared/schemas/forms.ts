import { z } from "zod";
import type { Action, InputMapping } from "./action";
import { parseJsonInput, type JsonObject } from "./json";
import { JobFields, MisfirePolicy, OverlapPolicy, type Job } from "./job";
import { ScheduleForm, scheduleFormToFields, timeFieldPath } from "./time-window";

// In json.ts, so a form field can parse JSON without loading the job schema (and its cron libraries).
export { parseJsonInput };

/**
 * Form-shaped views of the job schemas: what a form holds where a record or a union does not fit an input
 * (variables and field mappings as rows, workflow input as typed values or JSON text). Every form value is
 * checked by converting it to the API shape and running the API schema (`JobFields`) on it, so the form and
 * the server validate with the same rules; only problems the conversion itself finds (a duplicate row, JSON
 * that does not parse) are worded here.
 */

/** One `name = value` row (a job variable, a workflow input field mapping). */
export const NameValueRow = z.object({ name: z.string(), value: z.string() });
export type NameValueRow = z.infer<typeof NameValueRow>;

/** A value of a generated workflow input form (one schema property). */
export type InputValue = string | number | boolean | null | undefined;

/** The action as a form edits it: both kinds' fields are kept, so switching kinds loses nothing. */
export const ActionForm = z.object({
  type: z.enum(["chat", "workflow"]),
  template: z.string(),
  workflowId: z.string(),
  /** `values`: a form generated from the workflow's input schema; `json`: raw JSON text; `fields`: templates per field. */
  inputKind: z.enum(["values", "json", "fields"]),
  inputValues: z.record(z.string(), z.custom<InputValue>()),
  inputJson: z.string(),
  inputFields: z.array(NameValueRow),
});
export type ActionForm = z.infer<typeof ActionForm>;

type FormIssue = { path: (string | number)[]; message: string };

/** Rows → record; empty rows are dropped, nameless or repeated names are reported on their row. */
export function rowsToRecord(rows: readonly NameValueRow[], path: string, issues: FormIssue[]): Record<string, string> {
  const record: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const name = row.name.trim();
    if (!name && !row.value) return;
    if (!name) return void issues.push({ path: [path, index, "name"], message: "Give this row a name." });
    if (seen.has(name)) return void issues.push({ path: [path, index, "name"], message: `"${name}" is used twice; names must be unique.` });
    seen.add(name);
    Object.defineProperty(record, name, { value: row.value, enumerable: true, writable: true, configurable: true });
  });
  return record;
}

function workflowInput(form: ActionForm, issues: FormIssue[]): InputMapping | undefined {
  if (form.inputKind === "fields") return { mode: "fields", fields: rowsToRecord(form.inputFields, "action.inputFields", issues) };
  if (form.inputKind === "values") {
    const value: JsonObject = {};
    for (const [key, entry] of Object.entries(form.inputValues)) {
      if (entry !== undefined && entry !== "") Object.defineProperty(value, key, { value: entry, enumerable: true, writable: true, configurable: true });
    }
    return { mode: "static", value };
  }
  if (!form.inputJson.trim()) return undefined;
  const parsed = parseJsonInput(form.inputJson);
  if (parsed.ok) return { mode: "static", value: parsed.value as JsonObject };
  issues.push({ path: ["action", "inputJson"], message: parsed.message });
  return undefined;
}

/** The API action for a form's action (`issues` collects what the conversion itself finds). */
export function actionFormToAction(form: ActionForm, issues: FormIssue[] = []): Action {
  if (form.type === "chat") return { type: "chat", template: form.template };
  const input = workflowInput(form, issues);
  return { type: "workflow", workflowId: form.workflowId, ...(input ? { input } : {}) };
}

function inputValuesOf(value: JsonObject): Record<string, InputValue> {
  const values: Record<string, InputValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || typeof entry !== "object") Object.defineProperty(values, key, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return values;
}

/** The form's action for a stored action (for editing), with empty fields for the other kind. */
export function actionToActionForm(action: Action | undefined, defaults: Partial<ActionForm> = {}): ActionForm {
  const form: ActionForm = { type: "chat", template: "", workflowId: "", inputKind: "json", inputValues: {}, inputJson: "", inputFields: [], ...defaults };
  if (!action) return form;
  if (action.type === "chat") return { ...form, type: "chat", template: action.template };
  const input = action.input;
  return {
    ...form,
    type: "workflow",
    workflowId: action.workflowId,
    ...(input?.mode === "static" ? { inputValues: inputValuesOf(input.value), inputJson: JSON.stringify(input.value, null, 2) } : {}),
    ...(input?.mode === "fields" ? { inputKind: "fields", inputFields: Object.entries(input.fields).map(([name, value]) => ({ name, value })) } : {}),
  };
}

/** Where an API-shaped issue path points in the form (`variables.team` → the row whose name is `team`). */
export function formPathOf(apiPath: readonly PropertyKey[], form: { variables?: readonly NameValueRow[] | undefined; action?: ActionForm | undefined }, code?: string): string {
  const [head, ...rest] = apiPath.map(String);
  if (head === "variables") {
    if (rest.length === 0) return "variables";
    const index = form.variables?.findIndex((row) => row.name.trim() === rest[0]) ?? -1;
    if (index < 0) return "variables";
    return `variables.${index}.${code === "invalid_key" || code === "custom" ? "name" : "value"}`;
  }
  if (head === "action") {
    const [key, mode, ...inner] = rest;
    if (key === undefined) return "action.type";
    if (key !== "input") return `action.${key}`;
    const kind = form.action?.inputKind;
    if (kind === "fields") return "action.inputFields";
    if (kind === "values") return inner[0] !== undefined && mode === "value" ? `action.inputValues.${inner[0]}` : "action.inputValues";
    return "action.inputJson";
  }
  if (head === "schedule") return timeFieldPath(rest[0]) ?? (rest[0] === "timezone" ? "schedule.timezone" : "schedule.cron");
  return head ?? "root";
}

/** A job as its edit form holds it. */
export const JobForm = z
  .object({
    name: z.string(),
    description: z.string(),
    schedule: ScheduleForm,
    action: ActionForm,
    variables: z.array(NameValueRow),
    policy: z.object({ misfire: MisfirePolicy, overlap: OverlapPolicy }),
  })
  .superRefine((form, ctx) => {
    const issues: FormIssue[] = [];
    const fields = jobFormDraft(form, issues);
    for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    const result = JobFields.safeParse(fields);
    if (result.success) return;
    for (const issue of result.error.issues) {
      // A record key's own message ("A variable name must start with…") is nested in the invalid_key issue.
      const message = issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      ctx.addIssue({ code: "custom", path: formPathOf(issue.path, form, issue.code).split("."), message });
    }
  });
export type JobForm = z.infer<typeof JobForm>;

function jobFormDraft(form: JobForm, issues: FormIssue[]) {
  const variables = rowsToRecord(form.variables, "variables", issues);
  return {
    name: form.name,
    ...(form.description.trim() ? { description: form.description } : {}),
    schedule: scheduleFormToFields(form.schedule),
    action: actionFormToAction(form.action, issues),
    variables,
    policy: form.policy,
  };
}

/**
 * The API fields for a valid form (parse it with `JobForm` first). An emptied description is sent as `""`,
 * so an edit clears it.
 */
export function jobFormToFields(form: JobForm): JobFields & { description: string } {
  const draft = jobFormDraft(form, []);
  return { ...JobFields.parse(draft), description: form.description.trim() };
}

/** The edit form's values for a job, or a new job's defaults. */
export function jobToForm(job: Pick<Job, "name" | "description" | "schedule" | "action" | "variables" | "policy"> | undefined, defaults: { timezone: string }): JobForm {
  return {
    name: job?.name ?? "",
    description: job?.description ?? "",
    schedule: job?.schedule ?? { cron: "0 9 * * *", timezone: defaults.timezone },
    action: actionToActionForm(job?.action),
    variables: Object.entries(job?.variables ?? {}).map(([name, value]) => ({ name, value })),
    policy: job?.policy ?? { misfire: "runOnce", overlap: "skip" },
  };
}
