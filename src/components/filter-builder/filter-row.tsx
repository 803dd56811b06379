"use client";

import { XIcon } from "lucide-react";
import { useState } from "react";
import { useLabels } from "../../client/settings";
import { OPERATOR_VALUE_KINDS } from "../../shared/filters";
import { CONDITION_OPERATORS } from "../../shared/filters/operators";
import type { Condition, ConditionOperator } from "../../shared/schemas";
import { Button } from "../ui/button";
import { ComboboxInput, type ComboboxOption } from "../ui/combobox";
import { Input } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { decodeConditionValue, encodeConditionValue } from "./value-codec";

/** Messages for one row, by the condition's field (from the form's schema or the server). */
export interface FilterRowErrors {
  path?: string | undefined;
  op?: string | undefined;
  value?: string | undefined;
}

interface FilterRowProps {
  /** 1-based, for labels ("Field of condition 2"). */
  number: number;
  condition: Condition;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
  /** The payload's field paths, offered in the field's list (any other path may be typed). */
  pathOptions?: readonly ComboboxOption[] | undefined;
  errors?: FilterRowErrors | undefined;
  idPrefix: string;
}

/** One condition: field · comparison · value (hidden for exists / does not exist) · remove. */
export function FilterRow({ number, condition, onChange, onRemove, pathOptions = [], errors, idPrefix }: FilterRowProps) {
  const labels = useLabels().filterBuilder;
  const kind = OPERATOR_VALUE_KINDS[condition.op];
  // The typed text is kept as typed ("4" stays "4" while typing "42"); it is re-derived only when the value
  // changes from outside (the JSON mode, a reset).
  const [draft, setDraft] = useState(() => ({ text: encodeConditionValue(condition.op, condition.value), value: condition.value }));
  let text = draft.text;
  if (JSON.stringify(draft.value) !== JSON.stringify(condition.value)) {
    text = encodeConditionValue(condition.op, condition.value);
    setDraft({ text, value: condition.value });
  }

  function changeText(next: string, op: ConditionOperator = condition.op) {
    const value = decodeConditionValue(op, next);
    setDraft({ text: next, value });
    const { value: _previous, ...rest } = condition;
    onChange(value === undefined ? { ...rest, op } : { ...rest, op, value });
  }

  const error = (field: keyof FilterRowErrors) => errors?.[field];
  const errorId = (field: keyof FilterRowErrors) => (error(field) ? `${idPrefix}-${field}-error` : undefined);
  return (
    <li data-slot="planner-filter-row" className="planner-filter-row">
      <div className="planner-filter-row-controls">
        <ComboboxInput
          aria-label={labels.field(number)}
          label={labels.fieldSuggestions}
          placeholder={labels.fieldPlaceholder}
          value={condition.path}
          options={pathOptions}
          className="planner-filter-path"
          aria-invalid={error("path") ? true : undefined}
          aria-describedby={errorId("path")}
          onValueChange={(path) => onChange({ ...condition, path })}
        />
        <Select value={condition.op} onValueChange={(op) => changeText(text, op as ConditionOperator)}>
          <SelectTrigger aria-label={labels.operator(number)} className="planner-filter-op" aria-invalid={error("op") ? true : undefined}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {CONDITION_OPERATORS.map((op) => (
              <SelectItem key={op} value={op}>
                {labels.operators[op]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {kind === "none" ? (
          <span className="planner-filter-value planner-filter-value-none" aria-hidden="true" />
        ) : (
          <Input
            aria-label={labels.value(number)}
            placeholder={labels.valuePlaceholder[kind]}
            value={text}
            spellCheck={false}
            className="planner-filter-value"
            aria-invalid={error("value") ? true : undefined}
            aria-describedby={errorId("value")}
            onChange={(event) => changeText(event.target.value)}
          />
        )}
        <Button variant="ghost" size="icon" aria-label={labels.removeCondition(number)} onClick={onRemove}>
          <XIcon aria-hidden="true" />
        </Button>
      </div>
      {(["path", "op", "value"] as const).map((field) =>
        error(field) ? (
          <p key={field} id={errorId(field)} className="planner-field-error" role="alert">
            {error(field)}
          </p>
        ) : null,
      )}
    </li>
  );
}
