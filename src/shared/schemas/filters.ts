import { z } from "zod";
import { CONDITION_OPERATORS } from "../filters/operators";
import { conditionIssue } from "../filters/validate";
import { MAX_JSON_BYTES, safeJsonValue } from "./json";

export const MAX_FILTER_CONDITIONS = 20;

export { CONDITION_OPERATORS };


export const ConditionOperator = z.enum(CONDITION_OPERATORS, { error: "Choose a comparison." });
export type ConditionOperator = z.infer<typeof ConditionOperator>;

export const Condition = z
  .object({
    path: z
      .string({ error: "Choose the event field to compare." })
      .trim()
      .min(1, { error: "Choose the event field to compare." })
      .max(200, { error: "The field path must be at most 200 characters." }),
    op: ConditionOperator,
    value: safeJsonValue({ label: "The filter value", maxBytes: MAX_JSON_BYTES }).optional(),
  })
  .superRefine((condition, ctx) => {
    // The path and op have their own messages from the fields above; only add what they did not catch.
    if (condition.path.length === 0) return;
    const issue = conditionIssue(condition);
    if (issue) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
  });
export type Condition = z.infer<typeof Condition>;

export const Filters = z.object({
  match: z.enum(["all", "any"], { error: 'Choose "all" or "any".' }).default("all"),
  conditions: z
    .array(Condition)
    .max(MAX_FILTER_CONDITIONS, { error: `At most ${MAX_FILTER_CONDITIONS} filter conditions.` }),
});
export type Filters = z.infer<typeof Filters>;
