"use client";

import { useId } from "react";
import { Controller, useFormState, useWatch, type Control } from "react-hook-form";
import { useLabels } from "../../client/settings";
import type { TriggerForm } from "../../shared/schemas";
import { ActionFields } from "../job-dialog";

interface ActionSectionProps {
  agentId: string;
  control: Control<TriggerForm>;
  /** The chosen event type, for the template's variables. */
  triggerSlug: string;
}

/**
 * What the trigger does: the job dialog's `ActionFields` (start a chat from a template, or run a workflow;
 * an empty workflow input passes the whole event payload) with the event type's variables.
 */
export function ActionSection({ agentId, control, triggerSlug }: ActionSectionProps) {
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
              variablesSource={{ kind: "trigger", agentId, triggerSlug }}
              {...(name.trim() ? { sampleOverrides: { triggerName: name.trim() } } : {})}
              errors={{
                type: actionErrors?.type?.message,
                template: actionErrors?.template?.message,
                workflowId: actionErrors?.workflowId?.message,
                inputJson: actionErrors?.inputJson?.message,
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
