"use client";

import { useId } from "react";
import { Controller, get, useFormState, useWatch, type Control } from "react-hook-form";
import { useLabels } from "../../client/settings";
import type { TriggerForm } from "../../shared/schemas";
import { ActionFields } from "../job-dialog";

interface ActionSectionProps {
  agentId: string;
  control: Control<TriggerForm>;
  /** The chosen event type, for the template's variables. */
  triggerSlug: string;
  /** A change the action's fields make by themselves (see `settleField`). */
  onNormalize: (value: TriggerForm["action"]) => void;
}

/** The mapping's errors by workflow input field (`action.input.fields.<key>`, from a save attempt or the server). */
function mappingErrors(errors: unknown): Record<string, string | undefined> {
  const fields: unknown = get(errors, "input.fields");
  if (!fields || typeof fields !== "object") return {};
  const byKey: Record<string, string | undefined> = {};
  for (const key of Object.keys(fields)) {
    const message: unknown = get(fields, `${key}.message`) ?? (fields as Record<string, { message?: unknown }>)[key]?.message;
    if (typeof message === "string") Object.defineProperty(byKey, key, { value: message, enumerable: true, writable: true, configurable: true });
  }
  return byKey;
}

/**
 * What the trigger does: the job dialog's `ActionFields` (start a chat from a template, or run a workflow;
 * an empty workflow input passes the whole event payload) with the event type's variables.
 */
export function ActionSection({ agentId, control, triggerSlug, onNormalize }: ActionSectionProps) {
  const labels = useLabels().triggerDialog;
  const id = useId();
  const name = useWatch({ control, name: "name" });
  const { errors } = useFormState({ control, name: "action" });
  const actionErrors = errors.action;

  return (
    <section className="planner-trigger-section" aria-label={labels.actionHeading}>
      {triggerSlug ? (
        <Controller
          control={control}
          name="action"
          render={({ field }) => (
            <ActionFields
              agentId={agentId}
              idPrefix={id}
              question={labels.actionHeading}
              value={field.value}
              onChange={field.onChange}
              onNormalize={onNormalize}
              variablesSource={{ kind: "trigger", agentId, triggerSlug }}
              {...(name.trim() ? { sampleOverrides: { triggerName: name.trim() } } : {})}
              errors={{
                type: actionErrors?.type?.message,
                template: actionErrors?.template?.message,
                workflowId: actionErrors?.workflowId?.message,
                inputJson: actionErrors?.inputJson?.message,
                inputMapping: mappingErrors(actionErrors),
              }}
            />
          )}
        />
      ) : (
        <>
          <h3 className="planner-trigger-section-title">
            {labels.actionHeading}
          </h3>
          <p className="planner-trigger-muted">{labels.chooseEventFirst}</p>
        </>
      )}
    </section>
  );
}
