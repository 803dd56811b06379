"use client";

import { BracesIcon } from "lucide-react";
import { useId } from "react";
import { useLabels } from "../../client/settings";
import type { SchemaField } from "../../shared/schema-form/fields";
import type { NameValueRow } from "../../shared/schemas";
import { Button, DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger, Field, Input, Label, RadioGroup, RadioGroupItem } from "../ui";

/** The most event fields the insert menu lists (a huge payload schema stays usable). */
const MAX_OFFERED = 150;

export interface EventField {
  name: string;
  description?: string | undefined;
  type?: string | undefined;
}

export interface FieldMappingProps {
  /** The workflow's input fields (the shared JSON-Schema → form generator's). */
  fields: readonly SchemaField[];
  /** `fields`: a template per input; `payload`: the whole event. */
  mode: "fields" | "payload";
  onModeChange: (mode: "fields" | "payload") => void;
  /** The mapping as rows (`name` = input field, `value` = template); rows for other names are kept as they are. */
  rows: readonly NameValueRow[];
  onRowsChange: (rows: NameValueRow[]) => void;
  /** The event's fields a template can use (payload fields and aliases), offered per input. */
  eventFields: readonly EventField[];
  /** Problems by input field (shown after a save attempt, or from the server). */
  errors?: Record<string, string | undefined> | undefined;
  /** The whole-payload editor, shown in `payload` mode. */
  payloadEditor?: React.ReactNode;
}

/** The mapping rows with `key`'s template set (removed when empty), in the order of the workflow's fields. */
export function setMapping(rows: readonly NameValueRow[], fields: readonly SchemaField[], key: string, template: string): NameValueRow[] {
  const others = rows.filter((row) => row.name !== key);
  const next = template === "" ? others : [...others, { name: key, value: template }];
  const order = new Map(fields.map((field, index) => [field.key, index]));
  return next.sort((a, b) => (order.get(a.name) ?? fields.length) - (order.get(b.name) ?? fields.length));
}

/**
 * Suggested templates for a new mapping: each input whose name matches an event field (by path, or the last part of
 * a path: `email` ← `sender.email`) gets `{that.field}`; the others stay empty for the user to fill.
 */
export function suggestMapping(fields: readonly SchemaField[], eventFields: readonly EventField[]): NameValueRow[] {
  const rows: NameValueRow[] = [];
  for (const field of fields) {
    const lower = field.key.toLowerCase();
    const match =
      eventFields.find((e) => e.name.toLowerCase() === lower) ?? eventFields.find((e) => e.name.toLowerCase().split(".").pop() === lower);
    if (match) rows.push({ name: field.key, value: `{${match.name}}` });
  }
  return rows;
}

/**
 * A trigger's workflow input as a form built from the workflow's input schema (mock-up 04): each input takes a
 * template over the event payload, with the event's fields offered in a menu next to it; or, switched, the whole
 * event as the input.
 */
export function FieldMapping({ fields, mode, onModeChange, rows, onRowsChange, eventFields, errors, payloadEditor }: FieldMappingProps) {
  const labels = useLabels();
  const text = labels.dialogs;
  const id = useId();
  const valueOf = (key: string) => rows.find((row) => row.name === key)?.value ?? "";
  const offered = eventFields.slice(0, MAX_OFFERED);
  return (
    <fieldset className="planner-workflow-input planner-field-mapping" data-slot="planner-field-mapping">
      <legend className="planner-label">{text.mappingLegend}</legend>
      <RadioGroup aria-label={text.mappingModeLabel} value={mode} onValueChange={(next) => onModeChange(next as "fields" | "payload")} className="planner-field-mapping-modes">
        {(["fields", "payload"] as const).map((option) => (
          <div key={option} className="planner-policy-option">
            <RadioGroupItem id={`${id}-${option}`} value={option} />
            <Label htmlFor={`${id}-${option}`}>{option === "fields" ? text.mappingFields : text.mappingPayload}</Label>
          </div>
        ))}
      </RadioGroup>
      {mode === "payload" ? (
        payloadEditor
      ) : (
        <>
          <p className="planner-field-hint">{text.mappingHint}</p>
          {fields.map((field) => {
            const value = valueOf(field.key);
            const hint = [field.description, field.kind !== "string" ? field.kind : undefined].filter(Boolean).join(" · ");
            return (
              <Field key={field.key} label={field.title} hint={hint || undefined} error={errors?.[field.key]} required={field.required} className="planner-field-mapping-row">
                {(control) => (
                  <div className="planner-field-mapping-control">
                    <Input
                      {...control}
                      className="planner-mono"
                      autoComplete="off"
                      spellCheck={false}
                      value={value}
                      placeholder={`{${field.key}}`}
                      onChange={(event) => onRowsChange(setMapping(rows, fields, field.key, event.target.value))}
                    />
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button variant="outline" size="icon" aria-label={text.insertField(field.title)} title={text.insertField(field.title)}>
                          <BracesIcon aria-hidden="true" />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent className="planner-field-mapping-menu">
                        <DropdownMenuLabel>{text.eventFields}</DropdownMenuLabel>
                        {offered.length === 0 ? <DropdownMenuItem disabled>{text.noEventFields}</DropdownMenuItem> : null}
                        {offered.map((eventField) => (
                          <DropdownMenuItem key={eventField.name} onSelect={() => onRowsChange(setMapping(rows, fields, field.key, `${value}{${eventField.name}}`))}>
                            <span className="planner-mono">{eventField.name}</span>
                            {eventField.type ? <span className="planner-field-mapping-type">{eventField.type}</span> : null}
                          </DropdownMenuItem>
                        ))}
                      </DropdownMenuContent>
                    </DropdownMenu>
                  </div>
                )}
              </Field>
            );
          })}
        </>
      )}
    </fieldset>
  );
}
