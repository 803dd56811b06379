"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Button } from "../ui/button";
import { RadioCard, RadioGroup } from "../ui/radio-group";
import { Skeleton } from "../ui/skeleton";

/** The first sentence of a description, so every card reads as title + one sentence. */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

/** What the picker reports with a choice: the type's config schema, so the form can start from its defaults. */
export interface PickedTriggerType {
  slug: string;
  config: Record<string, unknown>;
}

interface EventTypePickerProps {
  toolkit: string;
  value: string;
  onChange: (picked: PickedTriggerType) => void;
  labelledBy: string;
  error?: string | undefined;
}

/** The app's events as radio cards with a title and one sentence each. */
export function EventTypePicker({ toolkit, value, onChange, labelledBy, error }: EventTypePickerProps) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const id = useId();
  const types = useQuery(trpc.catalog.triggerTypes.queryOptions({ toolkit, limit: 50 }, { staleTime: 5 * 60_000 }));

  if (types.isPending) return <Skeleton className="planner-event-type-skeleton" />;
  if (types.isError) {
    return (
      <div className="planner-trigger-inline-error" role="alert">
        <span>{types.error.message}</span>
        <Button variant="outline" size="sm" onClick={() => void types.refetch()}>
          {allLabels.common.retry}
        </Button>
      </div>
    );
  }
  if (types.data.items.length === 0) return <p className="planner-trigger-muted">{labels.eventTypesEmpty}</p>;
  return (
    <>
      <RadioGroup
        aria-labelledby={labelledBy}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        value={value}
        onValueChange={(slug) => onChange({ slug, config: types.data.items.find((type) => type.slug === slug)?.config ?? {} })}
        className="planner-event-types"
      >
        {types.data.items.map((type) => (
          <RadioCard
            key={type.slug}
            id={`${id}-${type.slug}`}
            value={type.slug}
            title={type.name}
            description={`${firstSentence(type.description)}${type.type === "poll" ? ` ${labels.polled}` : ""}`}
          />
        ))}
      </RadioGroup>
      {error ? (
        <p id={`${id}-error`} className="planner-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
