"use client";

import { useId, useState } from "react";
import { useLabels } from "../../client/settings";
import { SCHEDULE_PRESETS } from "../../shared/cron/presets";
import { cn, Field, Tabs, TabsContent, TabsList, TabsTrigger } from "../ui";
import { cronToBuilder } from "./builder-expression";
import { CronBuilder } from "./cron-builder";
import { CronCustom } from "./cron-custom";
import { PresetCards } from "./preset-cards";
import { ScheduleSummary } from "./schedule-summary";
import { TimezoneCombobox } from "./timezone-combobox";
import { errorsByField, useSchedulePreview, type ScheduleValue } from "./use-schedule-preview";

export interface CronPickerProps {
  /** The schedule: a 5-field cron expression and an IANA timezone. */
  value: ScheduleValue;
  onChange: (value: ScheduleValue) => void;
  /** A problem the form found that the preview does not show (e.g. from the server on save). */
  error?: string | undefined;
  className?: string | undefined;
}

type Mode = "presets" | "builder" | "custom";

function initialMode(cron: string): Mode {
  if (SCHEDULE_PRESETS.some((preset) => preset.cron === cron.trim())) return "presets";
  return cronToBuilder(cron) ? "builder" : "custom";
}

/**
 * A schedule editor: presets, a builder and a raw expression, a searchable timezone, and a summary of what
 * the schedule does — the sentence, the next runs in the job's zone and the viewer's, DST notes — from
 * `schedule.preview`, the same computation the scheduler runs.
 *
 * @example
 * ```tsx
 * <Controller control={control} name="schedule" render={({ field }) => <CronPicker value={field.value} onChange={field.onChange} />} />
 * ```
 */
export function CronPicker({ value, onChange, error, className }: CronPickerProps) {
  const labels = useLabels().cronPicker;
  const id = useId();
  const [mode, setMode] = useState<Mode>(() => initialMode(value.cron));
  const preview = useSchedulePreview(value);
  const errors = errorsByField(preview.data?.errors ?? []);
  const setCron = (cron: string) => onChange({ ...value, cron });
  const extraError = error && !preview.data?.errors.some((e) => e.message === error) ? error : undefined;
  return (
    <div className={cn("planner-cron-picker", className)} data-slot="planner-cron-picker">
      <Tabs value={mode} onValueChange={(next) => setMode(next as Mode)}>
        <TabsList aria-label={labels.modes}>
          <TabsTrigger value="presets">{labels.presets}</TabsTrigger>
          <TabsTrigger value="builder">{labels.builder}</TabsTrigger>
          <TabsTrigger value="custom">{labels.custom}</TabsTrigger>
        </TabsList>
        <TabsContent value="presets">
          <PresetCards cron={value.cron} onCronChange={setCron} />
        </TabsContent>
        <TabsContent value="builder">
          <CronBuilder cron={value.cron} onCronChange={setCron} />
        </TabsContent>
        <TabsContent value="custom">
          <CronCustom cron={value.cron} onCronChange={setCron} errors={errors} />
        </TabsContent>
      </Tabs>
      <Field label={labels.timezone} id={`${id}-timezone`} error={errors.timezone} className="planner-cron-timezone">
        {(control) => <TimezoneCombobox value={value.timezone} onValueChange={(timezone) => onChange({ ...value, timezone })} {...control} />}
      </Field>
      <ScheduleSummary value={value} preview={preview} />
      {extraError ? (
        <p className="planner-field-error" role="alert">
          {extraError}
        </p>
      ) : null}
    </div>
  );
}
