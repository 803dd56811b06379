"use client";

import { PlusIcon, Trash2Icon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
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

/**
 * The job's own variables: name, value, insert and remove per row, and "Add custom variable". A new row's name
 * gets focus (its value when the row came with a name, from an unknown variable's "Add"). The inputs show what was
 * typed even while the form's copy of the rows catches up: each change builds on the last rows this list sent,
 * not on a props copy that may be a keystroke behind (which cut what was typed).
 */
export function CustomVariables({ rows, onRowsChange, onInsert, errors }: CustomVariablesProps) {
  const labels = useLabels().templateEditor;
  const [draft, setDraft] = useState<readonly NameValueRow[]>(rows);
  const [seen, setSeen] = useState(rows);
  if (rows !== seen) {
    setSeen(rows);
    if (!sameRows(rows, draft)) setDraft(rows);
  }
  const list = useRef<HTMLDivElement>(null);
  const previousLength = useRef(draft.length);
  useEffect(() => {
    const grew = draft.length === previousLength.current + 1;
    previousLength.current = draft.length;
    if (!grew) return;
    const part = draft[draft.length - 1]?.name ? "value" : "name";
    list.current?.querySelector<HTMLInputElement>(`[data-row="${draft.length - 1}"][data-part="${part}"]`)?.focus();
  }, [draft]);
  const change = (next: NameValueRow[]) => {
    setDraft(next);
    onRowsChange(next);
  };
  const setRow = (index: number, patch: Partial<NameValueRow>) => change(draft.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="planner-template-custom" ref={list}>
      {draft.length === 0 ? <p className="planner-field-hint">{labels.customEmpty}</p> : null}
      {draft.map((row, index) => {
        const name = row.name.trim();
        const error = errors?.[index];
        return (
          <div key={index} className="planner-template-custom-row">
            <Input
              aria-label={labels.customNameOf(index)}
              placeholder={labels.customName}
              className="planner-mono"
              value={row.name}
              data-row={index}
              data-part="name"
              aria-invalid={error ? true : undefined}
              onChange={(event) => setRow(index, { name: event.target.value })}
            />
            <Input
              aria-label={labels.customValueOf(name)}
              placeholder={labels.customValue}
              value={row.value}
              data-row={index}
              data-part="value"
              onChange={(event) => setRow(index, { value: event.target.value })}
            />
            <Button variant="outline" size="sm" disabled={!isValidVariableName(name)} onClick={() => onInsert(name)} aria-label={labels.insert(name)} title={labels.insert(name)}>
              <code className="planner-mono">{`{${name || "…"}}`}</code>
            </Button>
            <Button variant="ghost" size="icon" aria-label={labels.removeCustom(name)} onClick={() => change(draft.filter((_, i) => i !== index))}>
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
      <Button variant="outline" size="sm" className="planner-template-add" onClick={() => change([...draft, { name: "", value: "" }])}>
        <PlusIcon aria-hidden="true" />
        {labels.addCustom}
      </Button>
    </div>
  );
}

function sameRows(a: readonly NameValueRow[], b: readonly NameValueRow[]): boolean {
  return a.length === b.length && a.every((row, index) => row.name === b[index]?.name && row.value === b[index]?.value);
}
