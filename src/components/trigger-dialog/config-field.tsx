"use client";

import { useLabels } from "../../client/settings";
import type { JsonValue } from "../../shared/schemas";
import { Field, type FieldControlProps } from "../ui/field";
import { Input, Textarea } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { Switch } from "../ui/switch";
import type { ConfigField } from "./config-schema";
import { useDraftText } from "./use-draft-text";

/** Radix Select items cannot have an empty value. */
const UNSET = "__planner_unset__";

interface ConfigFieldControlProps {
  setting: ConfigField;
  value: JsonValue | undefined;
  /** `undefined` removes the setting (the server then applies the schema's default). */
  onChange: (value: JsonValue | undefined) => void;
  error?: string | undefined;
}

function text(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One generated setting: its control by type, the description as help, a required mark, its error. */
export function ConfigFieldControl({ setting, value, onChange, error }: ConfigFieldControlProps) {
  const labels = useLabels().triggerDialog;
  const hints = [
    setting.description,
    setting.kind === "stringArray" ? labels.listHint : undefined,
    setting.kind === "json" ? labels.jsonHint : undefined,
    setting.minimum !== undefined || setting.maximum !== undefined ? labels.range(setting.minimum, setting.maximum) : undefined,
    setting.examples?.length && setting.kind !== "boolean" ? labels.examples(setting.examples.map(text).join(", ")) : undefined,
  ].filter(Boolean);
  return (
    <Field label={setting.title} hint={hints.length ? hints.join(" ") : undefined} error={error} required={setting.required} className="planner-config-field">
      {(control) => <Control setting={setting} value={value} onChange={onChange} control={control} />}
    </Field>
  );
}

function Control({ setting, value, onChange, control }: Omit<ConfigFieldControlProps, "error"> & { control: FieldControlProps }) {
  const labels = useLabels().triggerDialog;
  switch (setting.kind) {
    case "boolean":
      if (setting.nullable && !setting.required) {
        return (
          <Select value={value === true ? "yes" : value === false ? "no" : UNSET} onValueChange={(v) => onChange(v === "yes" ? true : v === "no" ? false : undefined)}>
            <SelectTrigger {...control}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={UNSET}>{labels.either}</SelectItem>
              <SelectItem value="yes">{labels.yes}</SelectItem>
              <SelectItem value="no">{labels.no}</SelectItem>
            </SelectContent>
          </Select>
        );
      }
      return <Switch {...control} checked={value === true} onCheckedChange={(checked) => onChange(checked)} />;
    case "enum":
      return (
        <Select value={value === undefined || value === null ? UNSET : JSON.stringify(value)} onValueChange={(v) => onChange(v === UNSET ? undefined : (JSON.parse(v) as JsonValue))}>
          <SelectTrigger {...control}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {setting.required ? null : <SelectItem value={UNSET}>{labels.notSet}</SelectItem>}
            {(setting.options ?? []).map((option) => (
              <SelectItem key={JSON.stringify(option)} value={JSON.stringify(option)}>
                {text(option)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      );
    case "number":
    case "integer":
      return (
        <Input
          {...control}
          type="number"
          inputMode={setting.kind === "integer" ? "numeric" : "decimal"}
          step={setting.kind === "integer" ? 1 : "any"}
          min={setting.minimum}
          max={setting.maximum}
          value={typeof value === "number" ? String(value) : text(value)}
          onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))}
        />
      );
    case "stringArray":
      return <ListControl control={control} value={value} onChange={onChange} />;
    case "json":
      return <JsonControl control={control} value={value} onChange={onChange} invalid={labels.jsonInvalid} />;
    case "string":
      return <Input {...control} value={text(value)} placeholder={setting.examples?.length ? text(setting.examples[0]) : undefined} onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)} />;
  }
}

const listText = (value: JsonValue | undefined) => (Array.isArray(value) ? value.map(text).join("\n") : text(value));

/** A list of strings, one per line; blank lines are dropped, an empty box removes the setting. */
function ListControl({ control, value, onChange }: { control: FieldControlProps; value: JsonValue | undefined; onChange: (value: JsonValue | undefined) => void }) {
  const [draft, setDraft] = useDraftText(value, listText);
  return (
    <Textarea
      {...control}
      rows={3}
      value={draft}
      onChange={(event) => {
        const items = event.target.value.split("\n").map((line) => line.trim()).filter(Boolean);
        const next = items.length > 0 ? items : undefined;
        setDraft(event.target.value, next);
        onChange(next);
      }}
    />
  );
}

const jsonText = (value: JsonValue | undefined) => (value === undefined ? "" : JSON.stringify(value, null, 2));

/** A JSON setting: the text is kept while it does not parse (with a message); valid JSON goes to the form. */
function JsonControl({ control, value, onChange, invalid }: { control: FieldControlProps; value: JsonValue | undefined; onChange: (value: JsonValue | undefined) => void; invalid: string }) {
  const [draft, setDraft] = useDraftText(value, jsonText);
  let bad = false;
  try {
    if (draft.trim()) JSON.parse(draft);
  } catch {
    bad = true;
  }
  return (
    <>
      <Textarea
        {...control}
        rows={3}
        className="planner-mono"
        value={draft}
        onChange={(event) => {
          const raw = event.target.value;
          let next: JsonValue | undefined = value;
          try {
            next = raw.trim() ? (JSON.parse(raw) as JsonValue) : undefined;
          } catch {
            setDraft(raw, value);
            return;
          }
          setDraft(raw, next);
          onChange(next);
        }}
      />
      {bad ? <span className="planner-field-error">{invalid}</span> : null}
    </>
  );
}
