"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { schemaFields } from "../../shared/schema-form/fields";
import type { ActionForm, VariablesInput } from "../../shared/schemas";
import { parseJsonInput } from "../../shared/schemas/json";
import { useVariableCatalog } from "../template-editor";
import { FieldMapping, suggestMapping, type EventField } from "../trigger-dialog/field-mapping";
import { Field, Select, SelectContent, SelectItem, SelectTrigger, SelectValue, Textarea } from "../ui";
import { inputFieldsOf } from "./input-schema";
import { WorkflowInputForm } from "./workflow-input-form";

export interface ActionFieldErrors {
  type?: string | undefined;
  template?: string | undefined;
  workflowId?: string | undefined;
  inputJson?: string | undefined;
  inputValues?: Record<string, string | undefined> | undefined;
  /** A trigger's mapping problems by workflow input field. */
  inputMapping?: Record<string, string | undefined> | undefined;
}

export interface WorkflowFieldsProps {
  agentId: string;
  value: ActionForm;
  onChange: (value: ActionForm) => void;
  /** The input editor following the chosen workflow (not the user's change); default `onChange`. */
  onNormalize?: ((value: ActionForm) => void) | undefined;
  errors?: ActionFieldErrors | undefined;
  /**
   * Whose action this is. A job's workflow input is fixed: a form from the workflow's input schema (JSON without
   * one), empty meaning `{}`. A trigger's default input is the event's payload, so it keeps the JSON editor (empty:
   * the payload) rather than a form of fixed values that would replace the event.
   */
  owner?: "job" | "trigger" | undefined;
  /** A trigger's variables (its event's fields), offered in the field mapping. */
  variablesSource?: VariablesInput | undefined;
}

/** The workflow select and its input: a form from the workflow's input schema, or a JSON editor without one. */
export function WorkflowFields({ agentId, value, onChange, onNormalize, errors, owner = "job", variablesSource }: WorkflowFieldsProps) {
  const allLabels = useLabels();
  const labels = allLabels.jobDialog;
  const loading = allLabels.common.loading;
  const trpc = usePlanner();
  const workflows = useQuery(trpc.catalog.workflows.queryOptions({ agentId }));
  const workflow = workflows.data?.find((w) => w.id === value.workflowId);
  const fields = owner === "job" ? inputFieldsOf(workflow?.inputSchema) : null;
  // A trigger maps event fields into the workflow's inputs (one template each), built by the same generator.
  const mappingFields = owner === "trigger" && workflow ? schemaFields(workflow.inputSchema) : [];
  const catalog = useVariableCatalog(owner === "trigger" && variablesSource?.kind === "trigger" ? variablesSource : null);
  const eventFields: EventField[] = (catalog.data ?? []).filter((v) => v.group === "field" || v.group === "alias");
  const wantedKind = fields ? "values" : "json";
  const typed = value.inputJson.trim() ? parseJsonInput(value.inputJson) : null;
  const jsonError = errors?.inputJson ?? (typed && !typed.ok ? typed.message : undefined);
  // The input editor follows the chosen workflow (a mapping of fields, as triggers use, is kept as it is).
  const settle = onNormalize ?? onChange;
  useEffect(() => {
    if (owner === "trigger") {
      // A trigger keeps its mapping or its whole-payload input; only "values" (a job's) is not a trigger's.
      if (workflow && value.inputKind === "values") settle({ ...value, inputKind: "json" });
      return;
    }
    if (workflow && value.inputKind !== "fields" && value.inputKind !== wantedKind) settle({ ...value, inputKind: wantedKind });
  }, [owner, workflow, wantedKind, value, settle]);
  const chooseWorkflow = (workflowId: string) => {
    const chosen = workflows.data?.find((w) => w.id === workflowId);
    const chosenFields = owner === "trigger" ? schemaFields(chosen?.inputSchema) : [];
    // A trigger picking a workflow with inputs starts from a mapping, suggested from the event's same-named fields.
    if (chosenFields.length > 0 && !value.inputJson.trim()) onChange({ ...value, workflowId, inputKind: "fields", inputFields: suggestMapping(chosenFields, eventFields) });
    else onChange({ ...value, workflowId });
  };
  const jsonEditor = (
    <Field label={labels.inputJson} hint={owner === "trigger" ? allLabels.triggerDialog.inputJsonHint : labels.inputJsonHint} error={jsonError} optional>
      <Textarea className="planner-mono" rows={5} spellCheck={false} value={value.inputJson} placeholder='{ "key": "value" }' onChange={(event) => onChange({ ...value, inputJson: event.target.value })} />
    </Field>
  );
  return (
    <div className="planner-workflow-fields" data-slot="planner-workflow-fields">
      <Field label={labels.workflow} error={errors?.workflowId} hint={workflows.data?.length === 0 ? labels.noWorkflows : workflow?.description} required>
        {(control) => (
          <Select value={value.workflowId} onValueChange={chooseWorkflow} disabled={workflows.data?.length === 0}>
            <SelectTrigger {...control}>
              <SelectValue placeholder={workflows.isPending ? loading : labels.chooseWorkflow} />
            </SelectTrigger>
            <SelectContent>
              {workflows.data?.map((w) => (
                <SelectItem key={w.id} value={w.id}>
                  {w.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
      </Field>
      {workflow && fields && value.inputKind === "values" ? (
        <WorkflowInputForm fields={fields} values={value.inputValues} onValuesChange={(inputValues) => onChange({ ...value, inputValues })} errors={errors?.inputValues} />
      ) : null}
      {workflow && mappingFields.length > 0 ? (
        <FieldMapping
          fields={mappingFields}
          mode={value.inputKind === "fields" ? "fields" : "payload"}
          onModeChange={(mode) =>
            onChange(
              mode === "fields"
                ? { ...value, inputKind: "fields", inputFields: value.inputFields.length > 0 ? value.inputFields : suggestMapping(mappingFields, eventFields) }
                : { ...value, inputKind: "json" },
            )
          }
          rows={value.inputFields}
          onRowsChange={(inputFields) => onChange({ ...value, inputKind: "fields", inputFields })}
          eventFields={eventFields}
          errors={errors?.inputMapping}
          payloadEditor={jsonEditor}
        />
      ) : null}
      {workflow && !fields && mappingFields.length === 0 && value.inputKind === "json" ? jsonEditor : null}
    </div>
  );
}
