"use client";

import { useLabels } from "../../client/settings";
import type { InputValue } from "../../shared/schemas";
import { Field, Input, Select, SelectContent, SelectItem, SelectTrigger, SelectValue, Switch } from "../ui";
import type { InputFieldSpec } from "./input-schema";

export interface WorkflowInputFormProps {
  fields: readonly InputFieldSpec[];
  values: Record<string, InputValue>;
  onValuesChange: (values: Record<string, InputValue>) => void;
  errors?: Record<string, string | undefined> | undefined;
}

/** A form generated from a workflow's input schema: text, numbers, a switch for booleans, a select for enums. */
export function WorkflowInputForm({ fields, values, onValuesChange, errors }: WorkflowInputFormProps) {
  const labels = useLabels().jobDialog;
  const set = (key: string, value: InputValue) => onValuesChange({ ...values, [key]: value });
  return (
    <fieldset className="planner-workflow-input" data-slot="planner-workflow-input">
      <legend className="planner-label">{labels.workflowInput}</legend>
      <p className="planner-field-hint">{labels.workflowInputHint}</p>
      {fields.map((field) => {
        const value = values[field.key] ?? field.defaultValue;
        return (
          <Field key={field.key} label={field.label} hint={field.description} error={errors?.[field.key]} required={field.required}>
            {(control) => {
              if (field.kind === "boolean") {
                return <Switch {...control} checked={value === true} onCheckedChange={(checked) => set(field.key, checked)} />;
              }
              if (field.kind === "enum") {
                return (
                  <Select value={typeof value === "string" ? value : ""} onValueChange={(option) => set(field.key, option)}>
                    <SelectTrigger {...control}>
                      <SelectValue placeholder={labels.notSet} />
                    </SelectTrigger>
                    <SelectContent>
                      {field.options?.map((option) => (
                        <SelectItem key={option} value={option}>
                          {option}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                );
              }
              const numeric = field.kind === "number" || field.kind === "integer";
              return (
                <Input
                  {...control}
                  type={numeric ? "number" : "text"}
                  step={field.kind === "integer" ? 1 : "any"}
                  value={value === undefined || value === null ? "" : String(value)}
                  onChange={(event) => {
                    const text = event.target.value;
                    set(field.key, numeric ? (text === "" ? undefined : Number(text)) : text);
                  }}
                />
              );
            }}
          </Field>
        );
      })}
    </fieldset>
  );
}
