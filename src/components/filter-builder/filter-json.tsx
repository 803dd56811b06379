"use client";

import { useState } from "react";
import { useLabels } from "../../client/settings";
import { Field } from "../ui/field";
import { Textarea } from "../ui/input";
import { parseFiltersJson, stringifyFilters, type FilterBuilderValue } from "./value-codec";

interface FilterJsonProps {
  value: FilterBuilderValue;
  onChange: (value: FilterBuilderValue) => void;
}

/**
 * The filters as editable JSON. Every valid edit goes to `onChange` (so the rows follow); invalid text shows
 * why and changes nothing, so switching back to the rows never loses them.
 */
export function FilterJson({ value, onChange }: FilterJsonProps) {
  const labels = useLabels().filterBuilder;
  const current = stringifyFilters(value);
  const [draft, setDraft] = useState({ text: current, basis: current });
  let text = draft.text;
  if (draft.basis !== current) {
    // Changed from outside (not by this editor): show the new filters.
    text = current;
    setDraft({ text, basis: current });
  }
  const parsed = parseFiltersJson(text);
  const error = parsed.ok ? undefined : parsed.kind === "json" ? labels.jsonInvalid(parsed.detail) : labels.jsonShape(parsed.detail);

  return (
    <Field label={labels.jsonLabel} hint={labels.jsonHint} error={error} className="planner-filter-json">
      <Textarea
        value={text}
        rows={Math.min(16, Math.max(6, text.split("\n").length + 1))}
        spellCheck={false}
        className="planner-mono"
        onChange={(event) => {
          const next = event.target.value;
          const result = parseFiltersJson(next);
          if (result.ok) {
            setDraft({ text: next, basis: stringifyFilters(result.value) });
            onChange(result.value);
          } else {
            setDraft({ text: next, basis: draft.basis });
          }
        }}
      />
    </Field>
  );
}
