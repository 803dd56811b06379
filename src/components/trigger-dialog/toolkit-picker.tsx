"use client";

import { useQuery } from "@tanstack/react-query";
import { SearchIcon } from "lucide-react";
import { useId, useState } from "react";
import * as RadioGroupPrimitive from "@radix-ui/react-radio-group";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Skeleton } from "../ui/skeleton";
import { LogoImage } from "../cards/toolkit-logo";

/** Above this many apps the grid gets a search box. */
const SEARCH_FROM = 6;

interface ToolkitPickerProps {
  value: string;
  onChange: (toolkit: string) => void;
  /** Names the radio group (the section heading's id). */
  labelledBy: string;
  error?: string | undefined;
}

/** The apps that send events, as a grid of tiles (logo, name, one word of what it sends), searchable. */
export function ToolkitPicker({ value, onChange, labelledBy, error }: ToolkitPickerProps) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const id = useId();
  const [query, setQuery] = useState("");
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000 }));

  if (toolkits.isPending) {
    return (
      <div className="planner-toolkit-grid" aria-busy="true">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="planner-toolkit-tile-skeleton" />
        ))}
      </div>
    );
  }
  if (toolkits.isError) {
    return (
      <div className="planner-trigger-inline-error" role="alert">
        <span>{toolkits.error.message || labels.appsError}</span>
        <Button variant="outline" size="sm" onClick={() => void toolkits.refetch()}>
          {allLabels.common.retry}
        </Button>
      </div>
    );
  }

  const needle = query.trim().toLowerCase();
  const shown = toolkits.data.filter(
    (toolkit) => !needle || toolkit.slug === value || `${toolkit.name} ${toolkit.slug} ${toolkit.categories.join(" ")}`.toLowerCase().includes(needle),
  );
  return (
    <div className="planner-toolkit-picker">
      {toolkits.data.length > SEARCH_FROM ? (
        <div className="planner-trigger-search">
          <SearchIcon aria-hidden="true" className="planner-trigger-search-icon" />
          <Input type="search" aria-label={labels.searchApps} placeholder={labels.searchAppsPlaceholder} value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
      ) : null}
      <RadioGroupPrimitive.Root
        aria-labelledby={labelledBy}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        value={value}
        onValueChange={onChange}
        className="planner-toolkit-grid"
      >
        {shown.map((toolkit) => (
          <RadioGroupPrimitive.Item
            key={toolkit.slug}
            value={toolkit.slug}
            aria-labelledby={`${id}-${toolkit.slug}`}
            aria-describedby={`${id}-${toolkit.slug}-sends`}
            className="planner-toolkit-tile"
            data-slot="planner-toolkit-tile"
          >
            <LogoImage toolkit={toolkit.slug} src={toolkit.logo} alt={labels.appLogo(toolkit.name)} className="planner-toolkit-tile-logo" fallback={<ToolkitInitial name={toolkit.name} />} />
            <span id={`${id}-${toolkit.slug}`} className="planner-toolkit-tile-name planner-truncate">
              {toolkit.name}
            </span>
            <span id={`${id}-${toolkit.slug}-sends`} className="planner-toolkit-tile-sends">
              {labels.appSends[toolkit.slug] ?? labels.appEvents(toolkit.triggerCount)}
            </span>
          </RadioGroupPrimitive.Item>
        ))}
      </RadioGroupPrimitive.Root>
      {shown.length === 0 ? <p className="planner-trigger-muted">{labels.noApps(query.trim())}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="planner-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ToolkitInitial({ name }: { name: string }) {
  return (
    <span className="planner-toolkit-tile-logo planner-toolkit-tile-initial" aria-hidden="true">
      {name.charAt(0)}
    </span>
  );
}
