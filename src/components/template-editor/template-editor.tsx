"use client";

import { BracesIcon, InfoIcon, PlusIcon } from "lucide-react";
import { useLayoutEffect, useMemo, useRef } from "react";
import { useLabels } from "../../client/settings";
import type { JsonValue, NameValueRow, VariablesInput } from "../../shared/schemas";
import { isValidVariableName, listTemplateVariables, validateTemplate } from "../../shared/template";
import { Button, cn } from "../ui";
import { CustomVariables } from "./custom-variables";
import { HighlightTextarea } from "./highlight-textarea";
import { TemplatePreview } from "./template-preview";
import { VariablePalette } from "./variable-palette";
import { knownNames, offeredVariables, unknownNamesOf, useVariableCatalog } from "./template-check";
import { sampleOf, type CatalogVariable } from "./variable-groups";

export interface TemplateEditorProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: (() => void) | undefined;
  /** Which variables to offer: a job's (`{ kind: "job", agentId, jobId? }`) or a trigger type's. */
  source: VariablesInput;
  /** The job's own variables as rows; with `onCustomVariablesChange` the palette shows a Custom group to edit them. */
  customVariables?: readonly NameValueRow[] | undefined;
  onCustomVariablesChange?: ((rows: NameValueRow[]) => void) | undefined;
  /** Problems with custom rows, by index. */
  customErrors?: Record<number, string | undefined> | undefined;
  /** Preview values that beat the catalog's samples (e.g. the job name being typed). */
  sampleOverrides?: Record<string, JsonValue> | undefined;
  id?: string | undefined;
  name?: string | undefined;
  "aria-describedby"?: string | undefined;
  "aria-invalid"?: boolean | undefined;
  "aria-required"?: boolean | undefined;
  className?: string | undefined;
}

const MUSTACHE = /\{\{\s*[A-Za-z_][\w.]*\s*\}\}/;

/** Line and column (1-based) of an offset, for problem messages. */
function position(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split("\n");
  return [before.length, (before[before.length - 1]?.length ?? 0) + 1];
}

/**
 * A message template with `{variables}`: highlighted chips, a palette that inserts at the cursor, unknown
 * names flagged with their position, and a live preview on sample values. Put a `Field`'s control props on
 * it to label it.
 *
 * @example
 * ```tsx
 * <Field label="Message template">{(control) => (
 *   <TemplateEditor {...control} value={template} onChange={setTemplate} source={{ kind: "job", agentId }} />
 * )}</Field>
 * ```
 */
export function TemplateEditor(props: TemplateEditorProps) {
  const { value, onChange, onBlur, source, customVariables, onCustomVariablesChange, customErrors, sampleOverrides, className, ...control } = props;
  const labels = useLabels().templateEditor;
  const catalog = useVariableCatalog(source);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  const editsCustom = customVariables !== undefined && onCustomVariablesChange !== undefined;

  const variables = useMemo<CatalogVariable[]>(() => offeredVariables(catalog.data, editsCustom), [catalog.data, editsCustom]);
  const validation = catalog.data ? validateTemplate(value, knownNames(variables, customVariables)) : { ok: true, errors: [] };
  const unknown = new Set(unknownNamesOf(validation));
  const used = listTemplateVariables(value).length;
  const mustache = MUSTACHE.exec(value)?.[0];

  const samples: Record<string, JsonValue> = {};
  for (const variable of variables) {
    const sample = sampleOf(variable);
    if (sample !== undefined) samples[variable.name] = sample as JsonValue;
  }
  for (const row of customVariables ?? []) if (row.name.trim()) samples[row.name.trim()] = row.value;
  Object.assign(samples, sampleOverrides);

  const insert = (name: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    const text = `{${name}}`;
    caret.current = start + text.length;
    onChange(value.slice(0, start) + text + value.slice(end));
  };
  // After an insert, focus goes back to the text with the caret just after the new variable.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (caret.current === null || !element) return;
    element.focus();
    element.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);

  // An unknown name that could be a custom variable gets a one-click "Add" (the new row's value then has focus).
  const addable = editsCustom ? [...unknown].filter((name) => isValidVariableName(name)) : [];
  const addCustom = (name: string) => onCustomVariablesChange?.([...(customVariables ?? []), { name, value: "" }]);

  const problemsId = control.id ? `${control.id}-problems` : undefined;
  const describedBy = [control["aria-describedby"], validation.errors.length > 0 ? problemsId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("planner-template-editor", className)} data-slot="planner-template-editor">
      <div className="planner-template-main">
        <HighlightTextarea
          {...control}
          aria-describedby={describedBy}
          aria-invalid={control["aria-invalid"] || validation.errors.length > 0 || undefined}
          textareaRef={textarea}
          value={value}
          unknown={unknown}
          rows={5}
          placeholder={source.kind === "trigger" ? labels.placeholderTrigger : labels.placeholder}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
        <p className="planner-template-count">
          <BracesIcon aria-hidden="true" />
          {labels.variablesUsed(used)}
        </p>
        {validation.errors.length > 0 ? (
          <ul id={problemsId} className="planner-template-problems">
            {validation.errors.map((error) => {
              const [line, column] = position(value, error.start);
              return <li key={`${error.start}:${error.kind}`}>{labels.problemAt(line, column, error.message)}</li>;
            })}
          </ul>
        ) : null}
        {addable.length > 0 ? (
          <div className="planner-template-add-unknown">
            {addable.map((name) => (
              <Button key={name} variant="outline" size="sm" onClick={() => addCustom(name)}>
                <PlusIcon aria-hidden="true" />
                {labels.addUnknown(name)}
              </Button>
            ))}
          </div>
        ) : null}
        {mustache ? (
          <p className="planner-template-hint" role="note">
            <InfoIcon aria-hidden="true" />
            {labels.mustacheHint(mustache)}
          </p>
        ) : null}
        <TemplatePreview template={value} samples={samples} />
      </div>
      <VariablePalette
        variables={variables}
        onInsert={insert}
        loading={catalog.isPending}
        kind={source.kind}
        custom={
          editsCustom ? <CustomVariables rows={customVariables} onRowsChange={onCustomVariablesChange} onInsert={insert} errors={customErrors} /> : undefined
        }
      />
    </div>
  );
}
