"use client";

import { ChevronRightIcon } from "lucide-react";
import { useId } from "react";
import { useLabels } from "../../client/settings";
import type { MisfirePolicy, OverlapPolicy } from "../../shared/schemas";
import { Collapsible, CollapsibleContent, CollapsibleTrigger, Label, RadioGroup, RadioGroupItem } from "../ui";

export interface AdvancedPoliciesProps {
  value: { misfire: MisfirePolicy; overlap: OverlapPolicy };
  onChange: (value: { misfire: MisfirePolicy; overlap: OverlapPolicy }) => void;
}

const MISFIRE: MisfirePolicy[] = ["runOnce", "skip", "runAll"];
const OVERLAP: OverlapPolicy[] = ["skip", "allow"];

/** Missed runs and overlapping runs, in plain words, collapsed by default. */
export function AdvancedPolicies({ value, onChange }: AdvancedPoliciesProps) {
  const labels = useLabels().jobDialog;
  const id = useId();
  const group = <T extends string>(legend: string, name: "misfire" | "overlap", options: T[], words: Record<T, string>) => (
    <fieldset className="planner-policy">
      <legend className="planner-label">{legend}</legend>
      <RadioGroup aria-label={legend} value={value[name]} onValueChange={(next) => onChange({ ...value, [name]: next })} className="planner-policy-options">
        {options.map((option) => (
          <div key={option} className="planner-policy-option">
            <RadioGroupItem id={`${id}-${name}-${option}`} value={option} />
            <Label htmlFor={`${id}-${name}-${option}`}>{words[option]}</Label>
          </div>
        ))}
      </RadioGroup>
    </fieldset>
  );
  return (
    <Collapsible className="planner-advanced" data-slot="planner-job-advanced">
      <CollapsibleTrigger>
        <ChevronRightIcon aria-hidden="true" />
        {labels.advanced}
      </CollapsibleTrigger>
      <CollapsibleContent className="planner-advanced-content">
        {group(labels.misfire, "misfire", MISFIRE, labels.misfireOptions)}
        {group(labels.overlap, "overlap", OVERLAP, labels.overlapOptions)}
      </CollapsibleContent>
    </Collapsible>
  );
}
