"use client";

import { MessageSquareIcon, WorkflowIcon } from "lucide-react";
import { useLabels } from "../../client/settings";
import type { ActionForm, JsonValue, NameValueRow, VariablesInput } from "../../shared/schemas";
import { TemplateEditor } from "../template-editor";
import { Field, RadioCard, RadioGroup } from "../ui";
import { WorkflowFields, type ActionFieldErrors } from "./workflow-fields";

export interface ActionFieldsProps {
  agentId: string;
  /** The action as a form holds it (`ActionForm` from the shared schemas; `actionFormToAction` makes the API shape). */
  value: ActionForm;
  onChange: (value: ActionForm) => void;
  /** A change the fields make by themselves (the workflow input following the chosen workflow), not the user's; default `onChange`. */
  onNormalize?: ((value: ActionForm) => void) | undefined;
  /**
   * The variables the template may use: `{ kind: "job", agentId, jobId? }` or `{ kind: "trigger", agentId, triggerSlug }`.
   * Its `kind` also sets the workflow input's meaning: a trigger's empty input sends the event payload.
   */
  variablesSource: VariablesInput;
  customVariables?: readonly NameValueRow[] | undefined;
  onCustomVariablesChange?: ((rows: NameValueRow[]) => void) | undefined;
  customErrors?: Record<number, string | undefined> | undefined;
  sampleOverrides?: Record<string, JsonValue> | undefined;
  errors?: ActionFieldErrors | undefined;
  /** Label overrides for the question and the two cards (a trigger says "when this event arrives"). */
  question?: string | undefined;
  idPrefix?: string | undefined;
}

/**
 * "What should happen?": the two action cards ("Start chat with template" / "Execute workflow") and the
 * chosen action's fields — the template editor, or the workflow select and its input. Shared by the job and
 * trigger dialogs; wrap it in a react-hook-form `Controller` on an `ActionForm` value.
 */
export function ActionFields(props: ActionFieldsProps) {
  const { agentId, value, onChange, onNormalize, variablesSource, errors, question, idPrefix = "planner-action" } = props;
  const labels = useLabels().jobDialog;
  return (
    <div className="planner-action-fields" data-slot="planner-action-fields">
      <fieldset className="planner-fieldset">
        <legend className="planner-label">{question ?? labels.actionQuestion}</legend>
        <RadioGroup value={value.type} onValueChange={(type) => onChange({ ...value, type: type as ActionForm["type"] })} className="planner-action-cards" aria-label={question ?? labels.actionQuestion}>
          <RadioCard id={`${idPrefix}-chat`} value="chat" title={labels.chatTitle} description={labels.chatDescription} icon={<MessageSquareIcon />} />
          <RadioCard id={`${idPrefix}-workflow`} value="workflow" title={labels.workflowTitle} description={labels.workflowDescription} icon={<WorkflowIcon />} />
        </RadioGroup>
      </fieldset>
      {value.type === "chat" ? (
        <Field label={labels.message} error={errors?.template} required>
          {(control) => (
            <TemplateEditor
              {...control}
              value={value.template}
              onChange={(template) => onChange({ ...value, template })}
              source={variablesSource}
              {...(props.customVariables ? { customVariables: props.customVariables } : {})}
              {...(props.onCustomVariablesChange ? { onCustomVariablesChange: props.onCustomVariablesChange } : {})}
              {...(props.customErrors ? { customErrors: props.customErrors } : {})}
              {...(props.sampleOverrides ? { sampleOverrides: props.sampleOverrides } : {})}
            />
          )}
        </Field>
      ) : (
        <WorkflowFields agentId={agentId} value={value} onChange={onChange} onNormalize={onNormalize} errors={errors} owner={variablesSource.kind} variablesSource={variablesSource} />
      )}
    </div>
  );
}
