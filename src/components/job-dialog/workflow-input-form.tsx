"use client";

import { useLabels } from "../../client/settings";
import type { SchemaField } from "../../shared/schema-form/fields";
import type { InputValue, JsonValue } from "../../shared/schemas";
import { ConfigFieldControl } from "../trigger-dialog/config-field";
import type { InputFieldSpec } from "./input-schema";

export interface WorkflowInputFormProps {
  fields: readonly InputFieldSpec[];
  values: Record<string, InputValue>;
  onValuesChange: (values: Record<string, InputValue>) => void;
  errors?: Record<string, string | undefined> | undefined;
}

/** An input field as the shared generator's field, so the same control renders it as a trigger setting. */
function asSchemaField(field: InputFieldSpec): SchemaField {
  return {
    key: field.key,
    title: field.label,
    kind: field.kind,
    required: field.required,
    nullable: false,
    ...(field.description ? { description: field.description } : {}),
    ...(field.options ? { options: field.options } : {}),
    ...(field.defaultValue !== undefined && field.defaultValue !== null ? { default: field.defaultValue } : {}),
  };
}

/**
 * A form generated from a workflow's input schema with the same controls as a trigger's settings (one JSON-Schema →
 * form generator): text, numbers, a switch for booleans, a select for enums.
 */
export function WorkflowInputForm({ fields, values, onValuesChange, errors }: WorkflowInputFormProps) {
  const labels = useLabels().jobDialog;
  const set = (key: string, value: JsonValue | undefined) => {
    const next: Record<string, InputValue> = {};
    for (const other of Object.keys(values)) if (other !== key) Object.defineProperty(next, other, { value: values[other], enumerable: true, writable: true, configurable: true });
    Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    onValuesChange(next);
  };
  return (
    <fieldset className="planner-workflow-input" data-slot="planner-workflow-input">
      <legend className="planner-label">{labels.workflowInput}</legend>
      <p className="planner-field-hint">{labels.workflowInputHint}</p>
      {fields.map((field) => (
        <ConfigFieldControl
          key={field.key}
          setting={asSchemaField(field)}
          value={Object.hasOwn(values, field.key) ? (values[field.key] ?? undefined) : (field.defaultValue ?? undefined)}
          onChange={(value) => set(field.key, value)}
          error={errors?.[field.key]}
        />
      ))}
    </fieldset>
  );
}
