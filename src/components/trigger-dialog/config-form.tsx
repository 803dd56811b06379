"use client";

import { useMemo } from "react";
import { get, useController, useFormState, type Control } from "react-hook-form";
import { useLabels } from "../../client/settings";
import type { JsonObject, TriggerForm } from "../../shared/schemas";
import { setOwn } from "../../shared/variables/json-schema";
import { ConfigFieldControl } from "./config-field";
import { configFields } from "./config-schema";

interface ConfigFormProps {
  control: Control<TriggerForm>;
  /** The trigger type's config JSON Schema. */
  schema: unknown;
}

/**
 * The trigger's own settings, generated from its type's config JSON Schema (strings, numbers, integers,
 * booleans, enums, lists of strings; anything else as JSON). The server validates with the same schema; its
 * errors (`source.config.<name>`) show on their fields.
 */
export function ConfigForm({ control, schema }: ConfigFormProps) {
  const labels = useLabels().triggerDialog;
  const settings = useMemo(() => configFields(schema), [schema]);
  const { field } = useController({ control, name: "source.config" });
  const { errors } = useFormState({ control, name: "source.config" });
  const config = field.value as JsonObject;
  const messageAt = (path: string): string | undefined => {
    const error: unknown = get(errors, path);
    return error && typeof error === "object" && "message" in error && typeof error.message === "string" ? error.message : undefined;
  };
  const rootError = messageAt("source.config");

  if (settings.length === 0) return <p className="planner-trigger-muted">{labels.settingsNone}</p>;
  return (
    <div className="planner-config-form" data-slot="planner-config-form">
      {settings.map((setting) => (
        <ConfigFieldControl
          key={setting.key}
          setting={setting}
          value={Object.hasOwn(config, setting.key) ? config[setting.key] : undefined}
          error={messageAt(`source.config.${setting.key}`)}
          onChange={(value) => {
            const next: JsonObject = {};
            for (const key of Object.keys(config)) if (key !== setting.key) setOwn(next, key, config[key] ?? null);
            if (value !== undefined) setOwn(next, setting.key, value);
            field.onChange(next);
          }}
        />
      ))}
      {rootError ? (
        <p className="planner-field-error" role="alert">
          {rootError}
        </p>
      ) : null}
    </div>
  );
}
