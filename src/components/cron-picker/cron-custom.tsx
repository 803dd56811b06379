"use client";

import { useId, useState } from "react";
import { useLabels } from "../../client/settings";
import type { ScheduleErrorField } from "../../shared/cron";
import { Field, Input } from "../ui";

export interface CronCustomProps {
  cron: string;
  onCronChange: (cron: string) => void;
  /** Problems by part of the schedule (from the preview). */
  errors: Partial<Record<ScheduleErrorField, string>>;
}

const BOXES = ["minute", "hour", "dayOfMonth", "month", "dayOfWeek"] as const;

function split(cron: string): string[] {
  const parts = cron.trim() ? cron.trim().split(/\s+/) : [];
  return BOXES.map((_, index) => parts[index] ?? "");
}

/** The expression in one field and as five boxes, kept in sync; a wrong part's box says what is wrong. */
export function CronCustom({ cron, onCronChange, errors }: CronCustomProps) {
  const labels = useLabels().cronPicker;
  const id = useId();
  // Boxes keep their own text, so emptying one does not shift the others while typing.
  const [boxes, setBoxes] = useState(() => split(cron));
  const [seen, setSeen] = useState(cron);
  if (cron !== seen) {
    setSeen(cron);
    if (cron !== boxes.join(" ")) setBoxes(split(cron));
  }
  const setBox = (index: number, text: string) => {
    const next = boxes.map((box, i) => (i === index ? text.replace(/\s+/g, "") : box));
    setBoxes(next);
    const joined = next.join(" ");
    setSeen(joined);
    onCronChange(joined);
  };
  return (
    <div className="planner-cron-custom" data-slot="planner-cron-custom">
      <Field label={labels.expression} hint={labels.expressionHint} error={errors.expression}>
        <Input className="planner-mono" value={cron} spellCheck={false} autoComplete="off" onChange={(event) => onCronChange(event.target.value)} />
      </Field>
      <div className="planner-cron-boxes">
        {BOXES.map((field, index) => (
          <Field
            key={field}
            id={`${id}-${field}`}
            label={
              <span className="planner-cron-box-label">
                <span>{labels.fields[field]}</span> <span className="planner-cron-box-range">{labels.ranges[field]}</span>
              </span>
            }
            error={errors[field]}
            className="planner-cron-box"
          >
            <Input className="planner-mono" value={boxes[index] ?? ""} spellCheck={false} autoComplete="off" onChange={(event) => setBox(index, event.target.value)} />
          </Field>
        ))}
      </div>
      <details className="planner-cron-syntax">
        <summary>{labels.syntaxHelp}</summary>
        <dl>
          {labels.syntax.map(([symbol, meaning]) => (
            <div key={symbol}>
              <dt className="planner-mono">{symbol}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
