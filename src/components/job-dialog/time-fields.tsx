"use client";

import { CalendarClockIcon, RepeatIcon } from "lucide-react";
import { useId } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { localParts } from "../../shared/cron";
import type { ScheduleForm } from "../../shared/schemas";
import { CronPicker, TimezoneCombobox, useSchedulePreview } from "../cron-picker";
import { JitterWindow } from "../cron-picker/time-window";
import { Field, Input, Label, RadioCard, RadioGroup, RadioGroupItem } from "../ui";

type TimeErrors = Partial<Record<"cron" | "timezone" | "at" | "in" | "startAt" | "endAt" | "maxRuns" | "jitterMinutes", string | undefined>>;

export interface JobScheduleFieldsProps {
  value: ScheduleForm;
  onChange: (value: ScheduleForm) => void;
  /** The form's messages, by schedule field. */
  errors?: TimeErrors | undefined;
}

const UNITS = ["minutes", "hours", "days"] as const;
const RUN_FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" };

/** A stored instant (or a local text being typed) as the text of a date or datetime-local input, in the job's zone. */
function localInput(value: string | undefined, timezone: string, kind: "date" | "datetime"): string {
  if (!value) return "";
  if (!/[zZ]$|[+-]\d{2}:\d{2}$/.test(value)) return value;
  const parts = localParts(value, timezone);
  if (!parts) return "";
  return kind === "date" ? parts.date : `${parts.date}T${parts.time}`;
}

/** A number input's value: `undefined` when it is empty. */
function numberOf(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text);
}

/**
 * The job's schedule: "Repeats" (the cron picker, then an optional start date, end date and run limit) or "Once" (a
 * date and time, or a delay like "in 2 hours", resolved when saved), and a jitter window for both. Native date
 * inputs; the preview comes from `schedule.preview`, as the save and the scheduler compute it.
 */
export function JobScheduleFields({ value, onChange, errors = {} }: JobScheduleFieldsProps) {
  const labels = useLabels().timeWindow;
  const id = useId();
  const once = value.kind === "once";
  const set = (patch: Partial<ScheduleForm>) => onChange({ ...value, ...patch });
  const setKind = (kind: string) => (kind === "once" ? set({ kind: "once" }) : set({ kind: undefined, at: undefined, in: undefined }));
  return (
    <div className="planner-time-fields" data-slot="planner-time-fields">
      <RadioGroup aria-label={labels.kind} value={once ? "once" : "cron"} onValueChange={setKind} className="planner-time-kind">
        <RadioCard id={`${id}-repeats`} value="cron" title={labels.repeats} description={labels.repeatsHint} icon={<RepeatIcon />} />
        <RadioCard id={`${id}-once`} value="once" title={labels.once} description={labels.onceHint} icon={<CalendarClockIcon />} />
      </RadioGroup>
      {once ? (
        <OnceFields value={value} set={set} errors={errors} />
      ) : (
        <>
          <CronPicker value={value} onChange={(next) => onChange({ ...value, ...next })} error={errors.cron ?? errors.timezone} />
          <fieldset className="planner-time-limits">
            <legend className="planner-label">{labels.limits}</legend>
            <Field label={labels.startDate} hint={labels.startHint} error={errors.startAt} optional>
              <Input type="date" value={localInput(value.startAt, value.timezone, "date")} onChange={(event) => set({ startAt: event.target.value || undefined })} />
            </Field>
            <Field label={labels.endDate} hint={labels.endHint} error={errors.endAt} optional>
              <Input type="date" value={localInput(value.endAt, value.timezone, "date")} onChange={(event) => set({ endAt: event.target.value || undefined })} />
            </Field>
            <Field label={labels.maxRuns} hint={labels.maxRunsHint} error={errors.maxRuns} optional>
              <Input type="number" inputMode="numeric" min={1} max={1000} step={1} value={value.maxRuns ?? ""} onChange={(event) => set({ maxRuns: numberOf(event.target.value) })} />
            </Field>
          </fieldset>
        </>
      )}
      <Field label={labels.jitter} hint={labels.jitterHint} error={errors.jitterMinutes} optional className="planner-time-jitter">
        <Input type="number" inputMode="numeric" min={0} max={60} step={1} value={value.jitterMinutes ?? ""} onChange={(event) => set({ jitterMinutes: numberOf(event.target.value) })} />
      </Field>
    </div>
  );
}

function OnceFields({ value, set, errors }: { value: ScheduleForm; set: (patch: Partial<ScheduleForm>) => void; errors: TimeErrors }) {
  const labels = useLabels().timeWindow;
  const id = useId();
  const mode = value.in ? "in" : "at";
  const setMode = (next: string) => (next === "in" ? set({ in: { amount: value.in?.amount ?? 2, unit: value.in?.unit ?? "hours" }, at: undefined }) : set({ in: undefined }));
  return (
    <div className="planner-time-once">
      <fieldset className="planner-policy">
        <legend className="planner-label">{labels.when}</legend>
        <RadioGroup aria-label={labels.when} value={mode} onValueChange={setMode} className="planner-policy-options">
          <div className="planner-policy-option">
            <RadioGroupItem id={`${id}-at`} value="at" />
            <Label htmlFor={`${id}-at`}>{labels.atTime}</Label>
          </div>
          <div className="planner-policy-option">
            <RadioGroupItem id={`${id}-in`} value="in" />
            <Label htmlFor={`${id}-in`}>{labels.afterDelay}</Label>
          </div>
        </RadioGroup>
      </fieldset>
      {mode === "at" ? (
        <Field label={labels.dateTime} hint={labels.dateTimeHint(value.timezone)} error={errors.at} required>
          <Input type="datetime-local" value={localInput(value.at, value.timezone, "datetime")} onChange={(event) => set({ at: event.target.value || undefined })} />
        </Field>
      ) : (
        <fieldset className="planner-time-delay" aria-describedby={`${id}-delay-hint`}>
          <legend className="planner-label">{labels.delay}</legend>
          <div className="planner-time-delay-row">
            <Input
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              aria-label={labels.delayAmount}
              aria-invalid={errors.in ? true : undefined}
              value={Number.isFinite(value.in?.amount) ? value.in?.amount : ""}
              onChange={(event) => set({ in: { amount: numberOf(event.target.value) ?? Number.NaN, unit: value.in?.unit ?? "hours" } })}
            />
            <select
              className="planner-input planner-time-unit"
              aria-label={labels.delayUnit}
              value={value.in?.unit ?? "hours"}
              onChange={(event) => set({ in: { amount: value.in?.amount ?? Number.NaN, unit: event.target.value as (typeof UNITS)[number] } })}
            >
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {labels.units[unit]}
                </option>
              ))}
            </select>
          </div>
          <p id={`${id}-delay-hint`} className="planner-field-hint">
            {labels.delayHint}
          </p>
          {errors.in ? (
            <p className="planner-field-error" role="alert">
              {errors.in}
            </p>
          ) : null}
        </fieldset>
      )}
      <Field label={labels.timezone} id={`${id}-timezone`} error={errors.timezone}>
        {(control) => <TimezoneCombobox value={value.timezone} onValueChange={(timezone) => set({ timezone })} {...control} />}
      </Field>
      <OnceSummary value={value} />
    </div>
  );
}

/** "This job will run once, on Thu, Dec 24, 2026, 9:00 AM." from the preview (what the save will store), or its problems. */
function OnceSummary({ value }: { value: ScheduleForm }) {
  const labels = useLabels();
  const format = useFormat();
  const preview = useSchedulePreview(value, 1);
  const data = preview.data;
  const run = data?.nextRuns[0];
  const zone = data?.timezone ?? value.timezone;
  const problems = data ? [...data.errors, ...(data.timeErrors ?? [])] : [];
  return (
    <section className="planner-schedule-summary" data-slot="planner-once-summary" data-state={data && !data.valid ? "invalid" : undefined} aria-live="polite" aria-busy={preview.isFetching || undefined}>
      {!data ? (
        <p className="planner-schedule-summary-muted">{labels.cronPicker.previewLoading}</p>
      ) : problems.length > 0 ? (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>{problem.message}</li>
          ))}
        </ul>
      ) : run ? (
        <p className="planner-schedule-sentence">
          <strong>{labels.timeWindow.onceSummary(format.inZone(run.at, zone, RUN_FORMAT))}</strong>
          {run.windowEnd ? <JitterWindow run={run} zone={zone} /> : null}
        </p>
      ) : (
        <p className="planner-schedule-summary-muted">{labels.timeWindow.noRunLeft}</p>
      )}
    </section>
  );
}

type FieldErrorTree = { message?: string | undefined } | undefined;

/** The form's errors on the schedule, by field, for {@link JobScheduleFields}. */
export function scheduleErrors(errors: Partial<Record<string, unknown>> | undefined): TimeErrors {
  const message = (key: string) => (errors?.[key] as FieldErrorTree)?.message;
  const delay = errors?.in as (FieldErrorTree & { amount?: FieldErrorTree }) | undefined;
  return {
    cron: message("cron"),
    timezone: message("timezone"),
    at: message("at"),
    in: delay?.message ?? delay?.amount?.message,
    startAt: message("startAt"),
    endAt: message("endAt"),
    maxRuns: message("maxRuns"),
    jitterMinutes: message("jitterMinutes"),
  };
}
