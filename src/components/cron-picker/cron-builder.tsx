"use client";

import { useState } from "react";
import { useLabels } from "../../client/settings";
import { Button, Field, Input, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui";
import { builderToCron, cronToBuilder, DEFAULT_BUILDER, WEEKDAY_ORDER, type BuilderState, type BuilderUnit } from "./builder-expression";

export interface CronBuilderProps {
  cron: string;
  onCronChange: (cron: string) => void;
}

const UNITS: BuilderUnit[] = ["minutes", "hours", "days", "weeks", "months"];

/** "Run every [n] [unit]", "At [time]", day toggles and days of the month; every change writes the expression. */
export function CronBuilder({ cron, onCronChange }: CronBuilderProps) {
  const labels = useLabels().cronPicker;
  const [state, setState] = useState<BuilderState>(() => cronToBuilder(cron) ?? DEFAULT_BUILDER);
  const update = (patch: Partial<BuilderState>) => {
    const next = { ...state, ...patch };
    setState(next);
    onCronChange(builderToCron(next));
  };
  const { unit } = state;
  const showTime = unit !== "minutes";
  const showWeekdays = unit === "days" || unit === "weeks";
  const showMonthDays = unit === "days" || unit === "months";
  return (
    <div className="planner-cron-builder" data-slot="planner-cron-builder">
      <fieldset className="planner-cron-builder-row">
        <legend className="planner-label">{labels.runEvery}</legend>
        <Input
          type="number"
          min={1}
          max={unit === "minutes" ? 59 : unit === "hours" ? 23 : unit === "months" ? 12 : 31}
          aria-label={labels.interval}
          disabled={unit === "weeks"}
          value={unit === "weeks" ? 1 : state.every}
          onChange={(event) => update({ every: Math.max(1, Math.floor(Number(event.target.value) || 1)) })}
          className="planner-cron-builder-every"
        />
        <Select value={unit} onValueChange={(value) => update({ unit: value as BuilderUnit })}>
          <SelectTrigger aria-label={labels.unit} className="planner-cron-builder-unit">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {UNITS.map((value) => (
              <SelectItem key={value} value={value}>
                {labels.units[value]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </fieldset>
      {unit === "weeks" ? <p className="planner-field-hint">{labels.weeksNote}</p> : null}
      {showTime ? (
        <Field label={unit === "hours" ? labels.atMinute : labels.at} className="planner-cron-builder-time">
          {unit === "hours" ? (
            <Input
              type="number"
              min={0}
              max={59}
              value={Number(state.time.slice(3))}
              onChange={(event) => update({ time: `00:${String(Math.min(59, Math.max(0, Number(event.target.value) || 0))).padStart(2, "0")}` })}
            />
          ) : (
            <Input type="time" value={state.time} onChange={(event) => event.target.value && update({ time: event.target.value })} />
          )}
        </Field>
      ) : null}
      {showWeekdays ? (
        <fieldset className="planner-cron-weekdays">
          <legend className="planner-label">{labels.daysOfWeek}</legend>
          <div className="planner-cron-weekday-buttons">
            {WEEKDAY_ORDER.map((day, index) => {
              const pressed = state.weekdays.includes(day);
              return (
                <Button
                  key={day}
                  size="sm"
                  variant={pressed ? "primary" : "outline"}
                  aria-pressed={pressed}
                  aria-label={labels.weekdayFullNames[index]}
                  onClick={() => update({ weekdays: pressed ? state.weekdays.filter((d) => d !== day) : [...state.weekdays, day] })}
                >
                  {labels.weekdayNames[index]}
                </Button>
              );
            })}
          </div>
          {state.weekdays.length === 0 ? <p className="planner-field-hint">{labels.daysOfWeekHint}</p> : null}
        </fieldset>
      ) : null}
      {showMonthDays ? (
        <Field label={labels.daysOfMonth} hint={labels.daysOfMonthHint} optional>
          <Input value={state.monthDays} inputMode="numeric" placeholder="1,15" onChange={(event) => update({ monthDays: event.target.value })} />
        </Field>
      ) : null}
    </div>
  );
}
