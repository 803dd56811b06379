"use client";

import { PlusIcon } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useLabels } from "../../client/settings";
import { variablesFromPayloadSchema } from "../../shared/variables";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import type { ComboboxOption } from "../ui/combobox";
import { Label } from "../ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { Switch } from "../ui/switch";
import { FilterJson } from "./filter-json";
import { FilterRow, type FilterRowErrors } from "./filter-row";
import type { FilterBuilderValue } from "./value-codec";

export interface FilterBuilderProps {
  value: FilterBuilderValue;
  onChange: (value: FilterBuilderValue) => void;
  /** The trigger type's payload JSON Schema: its fields are suggested as paths. */
  payloadSchema?: unknown;
  /** Messages per condition (index-aligned), e.g. from the form's resolver or the server. */
  errors?: readonly (FilterRowErrors | undefined)[] | undefined;
  className?: string | undefined;
}

let nextRowKey = 0;
const newRowKey = () => `row-${++nextRowKey}`;

/**
 * Trigger filters: rows of field · comparison · value combined with all / any, field suggestions from the
 * payload schema, and an "Advanced JSON" switch that edits the same value as JSON.
 *
 * @example
 * ```tsx
 * <FilterBuilder value={filters} onChange={setFilters} payloadSchema={triggerType.payload} />
 * ```
 */
export function FilterBuilder({ value, onChange, payloadSchema, errors, className }: FilterBuilderProps) {
  const labels = useLabels().filterBuilder;
  const id = useId();
  const [json, setJson] = useState(false);
  const pathOptions = useMemo<ComboboxOption[]>(
    () => variablesFromPayloadSchema(payloadSchema).map((path) => ({ value: path.name, label: path.name, detail: path.type, keywords: path.description ? [path.description] : [] })),
    [payloadSchema],
  );
  const conditions = value.conditions;
  // Stable row keys, so removing a row keeps the others' typed text; re-made when the list changes from outside.
  const [keys, setKeys] = useState<string[]>(() => conditions.map(newRowKey));
  let rowKeys = keys;
  if (keys.length !== conditions.length) {
    rowKeys = conditions.map((_, index) => keys[index] ?? newRowKey());
    setKeys(rowKeys);
  }

  const update = (conditions: FilterBuilderValue["conditions"]) => onChange({ ...value, match: value.match ?? "all", conditions });
  const add = () => {
    setKeys([...rowKeys, newRowKey()]);
    update([...conditions, { path: "", op: "equals" }]);
  };
  const remove = (index: number) => {
    setKeys(rowKeys.filter((_, i) => i !== index));
    update(conditions.filter((_, i) => i !== index));
  };

  return (
    <div data-slot="planner-filter-builder" className={cn("planner-filter-builder", className)}>
      <div className="planner-filter-toolbar">
        <div className="planner-filter-match">
          <span aria-hidden="true">{labels.matchBefore}</span>
          <Select value={value.match ?? "all"} onValueChange={(match) => onChange({ ...value, match: match as "all" | "any" })}>
            <SelectTrigger size="sm" aria-label={labels.matchLabel} className="planner-filter-match-select">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">{labels.matchAll}</SelectItem>
              <SelectItem value="any">{labels.matchAny}</SelectItem>
            </SelectContent>
          </Select>
          <span aria-hidden="true">{labels.matchAfter}</span>
        </div>
        <div className="planner-filter-json-switch">
          <Switch id={`${id}-json`} checked={json} onCheckedChange={setJson} />
          <Label htmlFor={`${id}-json`}>{labels.advancedJson}</Label>
        </div>
      </div>
      {json ? (
        <FilterJson value={value} onChange={onChange} />
      ) : (
        <>
          {conditions.length === 0 ? <p className="planner-filter-empty">{labels.empty}</p> : null}
          {conditions.length > 0 ? (
            <ol className="planner-filter-rows">
              {conditions.map((condition, index) => (
                <FilterRow
                  key={rowKeys[index]}
                  number={index + 1}
                  idPrefix={`${id}-${index}`}
                  condition={condition}
                  pathOptions={pathOptions}
                  errors={errors?.[index]}
                  onChange={(next) => update(conditions.map((c, i) => (i === index ? next : c)))}
                  onRemove={() => remove(index)}
                />
              ))}
            </ol>
          ) : null}
          <Button variant="outline" size="sm" onClick={add} className="planner-filter-add">
            <PlusIcon aria-hidden="true" />
            {labels.addCondition}
          </Button>
        </>
      )}
    </div>
  );
}
