"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { useLabels } from "../../client/settings";
import type { NameValueRow } from "../../shared/schemas";
import { isValidVariableName } from "../../shared/template";
import { Button, Input } from "../ui";

export interface CustomVariablesProps {
  rows: readonly NameValueRow[];
  onRowsChange: (rows: NameValueRow[]) => void;
  onInsert: (name: string) => void;
  /** Problems by row index (from the form). */
  errors?: Record<number, string | undefined> | undefined;
}

/** The job's own variables: name, value, insert and remove per row, and "Add custom variable". */
export function CustomVariables({ rows, onRowsChange, onInsert, errors }: CustomVariablesProps) {
  const labels = useLabels().templateEditor;
  const setRow = (index: number, patch: Partial<NameValueRow>) => onRowsChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="planner-template-custom">
      {rows.length === 0 ? <p className="planner-field-hint">{labels.customEmpty}</p> : null}
      {rows.map((row, index) => {
        const name = row.name.trim();
        const error = errors?.[index];
        return (
          <div key={index} className="planner-template-custom-row">
            <Input
              aria-label={labels.customNameOf(index)}
              placeholder={labels.customName}
              className="planner-mono"
              value={row.name}
              aria-invalid={error ? true : undefined}
              onChange={(event) => setRow(index, { name: event.target.value })}
            />
            <Input aria-label={labels.customValueOf(name)} placeholder={labels.customValue} value={row.value} onChange={(event) => setRow(index, { value: event.target.value })} />
            <Button variant="outline" size="sm" disabled={!isValidVariableName(name)} onClick={() => onInsert(name)} aria-label={labels.insert(name)}>
              <code className="planner-mono">{`{${name || "…"}}`}</code>
            </Button>
            <Button variant="ghost" size="icon" aria-label={labels.removeCustom(name)} onClick={() => onRowsChange(rows.filter((_, i) => i !== index))}>
              <Trash2Icon aria-hidden="true" />
            </Button>
            {error ? (
              <p className="planner-field-error planner-template-custom-error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <Button variant="outline" size="sm" className="planner-template-add" onClick={() => onRowsChange([...rows, { name: "", value: "" }])}>
        <PlusIcon aria-hidden="true" />
        {labels.addCustom}
      </Button>
    </div>
  );
}
