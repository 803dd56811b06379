"use client";

import { useLabels } from "../../client/settings";
import { SCHEDULE_PRESETS } from "../../shared/cron/presets";
import { RadioCard, RadioGroup } from "../ui";

export interface PresetCardsProps {
  cron: string;
  onCronChange: (cron: string) => void;
}

/** The common schedules as choice cards: name, sentence and expression; the chosen one is outlined. */
export function PresetCards({ cron, onCronChange }: PresetCardsProps) {
  const labels = useLabels().cronPicker;
  const presets = SCHEDULE_PRESETS;
  const chosen = presets.find((preset) => preset.cron === cron.trim())?.id ?? "";
  return (
    <RadioGroup
      aria-label={labels.presetsLabel}
      value={chosen}
      onValueChange={(id) => {
        const preset = presets.find((p) => p.id === id);
        if (preset) onCronChange(preset.cron);
      }}
      className="planner-cron-presets"
      data-slot="planner-cron-presets"
    >
      {presets.map((preset) => (
        <RadioCard
          key={preset.id}
          value={preset.id}
          title={labels.presetNames[preset.id] ?? preset.label}
          description={
            <>
              <span className="planner-cron-preset-sentence">{preset.sentence}</span>
              <code className="planner-mono planner-cron-preset-expression">{preset.cron}</code>
            </>
          }
          className="planner-cron-preset"
        />
      ))}
    </RadioGroup>
  );
}
