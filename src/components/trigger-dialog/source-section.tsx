"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Controller, useWatch, type UseFormReturn } from "react-hook-form";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import type { TriggerForm } from "../../shared/schemas";
import { AccountField } from "./account-field";
import { ConfigForm } from "./config-form";
import { configDefaults } from "./config-schema";
import { EventTypePicker } from "./event-type-picker";
import { ToolkitPicker } from "./toolkit-picker";

interface SourceSectionProps {
  form: UseFormReturn<TriggerForm>;
}

/** Event source (app tiles + connected account), event type (cards) and the type's own settings. */
export function SourceSection({ form }: SourceSectionProps) {
  const labels = useLabels().triggerDialog;
  const trpc = usePlanner();
  const id = useId();
  const { control, setValue } = form;
  const [toolkit, triggerSlug] = useWatch({ control, name: ["source.toolkit", "source.triggerSlug"] });
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const type = useQuery({ ...trpc.catalog.triggerType.queryOptions({ slug: triggerSlug }, { staleTime: 5 * 60_000 }), enabled: Boolean(triggerSlug) });
  const appName = toolkits.data?.find((t) => t.slug === toolkit)?.name ?? toolkit;
  const dirty = { shouldDirty: true, shouldValidate: form.formState.isSubmitted } as const;

  return (
    <>
      <section className="planner-trigger-section" aria-labelledby={`${id}-source`}>
        <h3 id={`${id}-source`} className="planner-trigger-section-title">
          {labels.sourceHeading}
        </h3>
        <Controller
          control={control}
          name="source.toolkit"
          render={({ field, fieldState }) => (
            <ToolkitPicker
              labelledBy={`${id}-source`}
              value={field.value}
              error={fieldState.error?.message}
              onChange={(next) => {
                if (next === field.value) return;
                field.onChange(next);
                setValue("source.triggerSlug", "", dirty);
                setValue("source.connectedAccountId", "", dirty);
                setValue("source.config", {}, dirty);
              }}
            />
          )}
        />
        {toolkit ? (
          <Controller
            control={control}
            name="source.connectedAccountId"
            render={({ field, fieldState }) => <AccountField toolkit={toolkit} appName={appName} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
          />
        ) : null}
      </section>
      {toolkit ? (
        <section className="planner-trigger-section" aria-labelledby={`${id}-type`}>
          <h3 id={`${id}-type`} className="planner-trigger-section-title">
            {labels.eventType}
          </h3>
          <Controller
            control={control}
            name="source.triggerSlug"
            render={({ field, fieldState }) => (
              <EventTypePicker
                toolkit={toolkit}
                labelledBy={`${id}-type`}
                value={field.value}
                error={fieldState.error?.message}
                onChange={({ slug, config }) => {
                  field.onChange(slug);
                  setValue("source.config", configDefaults(config), dirty);
                }}
              />
            )}
          />
        </section>
      ) : null}
      {triggerSlug && type.data ? (
        <section className="planner-trigger-section" aria-labelledby={`${id}-settings`}>
          <h3 id={`${id}-settings`} className="planner-trigger-section-title">
            {labels.settingsHeading}
          </h3>
          <ConfigForm control={control} schema={type.data.config} />
        </section>
      ) : null}
    </>
  );
}
