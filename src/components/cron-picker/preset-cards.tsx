"use client";

import type { KeyboardEvent } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { formatScheduleSentence } from "../../shared/format";
import { SCHEDULE_PRESETS } from "../../shared/cron/presets";
import { RadioCard, RadioGroup } from "../ui";

export interface PresetCardsProps {
  cron: string;
  onCronChange: (cron: string) => void;
}

const NEXT_KEYS = new Set(["ArrowDown", "ArrowRight"]);
const PREVIOUS_KEYS = new Set(["ArrowUp", "ArrowLeft"]);

/**
 * The common schedules as choice cards: name, sentence and expression; the chosen one is outlined. The sentence is
 * the one the job cards and the summary show (`formatScheduleSentence`), times in the viewer's locale.
 */
export function PresetCards({ cron, onCronChange }: PresetCardsProps) {
  const labels = useLabels();
  const format = useFormat();
  const presets = SCHEDULE_PRESETS;
  const chosen = presets.find((preset) => preset.cron === cron.trim())?.id ?? "";
  // An arrow key selects the card it moves to, every time: Radix moves focus on the next tick and selects only
  // while the key is still down, so a quick tap (or a busy page) moved focus without selecting.
  const onArrow = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
    if (step === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = presets[(index + step + presets.length) % presets.length];
    if (!next) return;
    onCronChange(next.cron);
    const group = event.currentTarget.closest("[data-slot='planner-cron-presets']");
    group?.querySelector<HTMLElement>(`[data-preset='${next.id}']`)?.focus();
  };
  return (
    <RadioGroup
      aria-label={labels.cronPicker.presetsLabel}
      value={chosen}
      onValueChange={(id) => {
        const preset = presets.find((p) => p.id === id);
        if (preset) onCronChange(preset.cron);
      }}
      className="planner-cron-presets"
      data-slot="planner-cron-presets"
    >
      {presets.map((preset, index) => (
        <RadioCard
          key={preset.id}
          value={preset.id}
          data-preset={preset.id}
          onKeyDown={(event) => onArrow(event, index)}
          title={labels.cronPicker.presetNames[preset.id] ?? preset.label}
          description={
            <>
              <span className="planner-cron-preset-sentence">{formatScheduleSentence(preset.cron, labels.cards, { locale: format.locale }, preset.sentence)}</span>
              <code className="planner-mono planner-cron-preset-expression">{preset.cron}</code>
            </>
          }
          className="planner-cron-preset"
        />
      ))}
    </RadioGroup>
  );
}
