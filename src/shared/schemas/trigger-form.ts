import { z } from "zod";
import { ConditionOperator } from "./filters";
import { ActionForm, actionFormToAction, actionToActionForm, formPathOf } from "./forms";
import { TriggerFields, type Trigger } from "./trigger";

type FormIssue = { path: (string | number)[]; message: string };

/**
 * The trigger dialog's form. Like `JobForm`, every value is checked by converting it to the API shape and
 * running the API schema (`TriggerFields`) on it, so the form and the server validate with the same rules.
 * Form-shaped where the API shape does not fit inputs: `description` and `connectedAccountId` are always
 * strings ("" = none), `filters` is always present (no conditions = every event runs the action) and the
 * action is an `ActionForm` (both kinds' fields kept). Issue paths match the API's (`source.config.x`,
 * `filters.conditions.0.value`), so server field errors land on the same fields.
 */
export const TriggerForm = z
  .object({
    name: z.string(),
    description: z.string(),
    source: z.object({
      toolkit: z.string(),
      triggerSlug: z.string(),
      connectedAccountId: z.string(),
      // `unknown`, not `JsonValue`: a recursive type makes react-hook-form's path types too deep; TriggerFields checks it.
      config: z.record(z.string(), z.unknown()),
    }),
    filters: z.object({
      match: z.enum(["all", "any"]),
      conditions: z.array(z.object({ path: z.string(), op: ConditionOperator, value: z.unknown().optional() })),
    }),
    action: ActionForm,
  })
  .superRefine((form, ctx) => {
    const issues: FormIssue[] = [];
    const draft = triggerFormDraft(form, issues);
    for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    const result = TriggerFields.safeParse(draft);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = issue.path[0] === "action" ? formPathOf(issue.path, form).split(".") : issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      ctx.addIssue({ code: "custom", path, message: issue.message });
    }
  });
export type TriggerForm = z.infer<typeof TriggerForm>;

function triggerFormDraft(form: TriggerForm, issues: FormIssue[]) {
  const { connectedAccountId, ...source } = form.source;
  return {
    name: form.name,
    ...(form.description.trim() ? { description: form.description } : {}),
    source: { ...source, ...(connectedAccountId ? { connectedAccountId } : {}) },
    ...(form.filters.conditions.length > 0 ? { filters: form.filters } : {}),
    action: actionFormToAction(form.action, issues),
  };
}

/**
 * The API fields for a valid form (parse it with `TriggerForm` first). An emptied description is sent as `""`
 * and emptied filters as no conditions, so an edit clears them; a new trigger sends neither.
 */
export function triggerFormToFields(form: TriggerForm, { forUpdate = false } = {}): TriggerFields {
  const fields = TriggerFields.parse(triggerFormDraft(form, []));
  if (!forUpdate) return fields;
  return { ...fields, description: form.description.trim(), filters: fields.filters ?? { match: form.filters.match, conditions: [] } };
}

/** The edit form's values for a trigger, or a new trigger's (no app chosen, a chat action). */
export function triggerToForm(trigger?: Pick<Trigger, "name" | "description" | "source" | "filters" | "action">): TriggerForm {
  return {
    name: trigger?.name ?? "",
    description: trigger?.description ?? "",
    source: {
      toolkit: trigger?.source.toolkit ?? "",
      triggerSlug: trigger?.source.triggerSlug ?? "",
      connectedAccountId: trigger?.source.connectedAccountId ?? "",
      config: { ...trigger?.source.config },
    },
    filters: { match: trigger?.filters?.match ?? "all", conditions: [...(trigger?.filters?.conditions ?? [])] },
    action: actionToActionForm(trigger?.action),
  };
}
