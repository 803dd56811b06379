"use client";

import { useMemo, type ComponentProps } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { Combobox, type ComboboxOption } from "../ui";

export interface TimezoneComboboxProps extends Omit<ComponentProps<"button">, "value" | "onChange" | "children"> {
  value: string;
  onValueChange: (zone: string) => void;
}

function allZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: ((key: "timeZone") => string[]) | undefined };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

/** Every IANA zone, searchable, the viewer's first, each with its current offset ("GMT+1"). */
export function TimezoneCombobox({ value, onValueChange, ...triggerProps }: TimezoneComboboxProps) {
  const labels = useLabels().cronPicker;
  const format = useFormat();
  const viewer = format.timeZone;
  const options = useMemo<ComboboxOption[]>(() => {
    const zones = new Set(allZones());
    zones.add("UTC");
    if (value) zones.add(value);
    const option = (zone: string, group: string): ComboboxOption => {
      let detail: string | undefined;
      try {
        detail = format.offset(zone);
      } catch {
        detail = undefined;
      }
      return { value: zone, label: zone, group, keywords: [zone.replace(/[_/]/g, " ")], ...(detail ? { detail } : {}) };
    };
    const rest = [...zones].filter((zone) => zone !== viewer);
    return [option(viewer, labels.yourZone), ...rest.sort().map((zone) => option(zone, labels.allZones))];
  }, [format, viewer, value, labels]);
  return (
    <Combobox
      options={options}
      value={value}
      onValueChange={onValueChange}
      label={labels.timezone}
      searchPlaceholder={labels.timezoneSearch}
      emptyText={labels.timezoneEmpty}
      {...triggerProps}
    />
  );
}
