"use client";

import { Command } from "cmdk";
import { CheckIcon, ChevronsUpDownIcon } from "lucide-react";
import { useState, type ComponentProps, type ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { cn } from "./cn";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";

export interface ComboboxOption {
  value: string;
  label: string;
  /** Shown next to the label, e.g. a zone's offset "GMT+1". */
  detail?: string | undefined;
  /** More words to match when searching. */
  keywords?: string[] | undefined;
  /** Options with the same group are listed under that heading, in order of first appearance. */
  group?: string | undefined;
  icon?: ReactNode | undefined;
}

export interface ComboboxProps extends Omit<ComponentProps<"button">, "value" | "onChange" | "children"> {
  options: readonly ComboboxOption[];
  value: string | null;
  onValueChange: (value: string) => void;
  /** Trigger text when nothing is chosen. */
  placeholder?: string | undefined;
  searchPlaceholder?: string | undefined;
  emptyText?: string | undefined;
  /** Names the search box and list for assistive tech (defaults to the placeholder). */
  label?: string | undefined;
}

/**
 * A searchable list in a popover (timezones, toolkits). The trigger is a `combobox` button; spread a
 * `Field`'s control props on it through the rest props.
 *
 * @example
 * ```tsx
 * <Field label="Timezone">
 *   <Combobox options={zones} value={zone} onValueChange={setZone} />
 * </Field>
 * ```
 */
export function Combobox({ options, value, onValueChange, placeholder, searchPlaceholder, emptyText, label, className, disabled, ...triggerProps }: ComboboxProps) {
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const selected = options.find((option) => option.value === value);
  const groups = groupOptions(options);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <button
          type="button"
          role="combobox"
          aria-expanded={open}
          aria-haspopup="listbox"
          data-slot="planner-combobox"
          disabled={disabled}
          className={cn("planner-input", "planner-combobox-trigger", className)}
          {...triggerProps}
        >
          <span className={cn("planner-truncate", !selected && "planner-placeholder")}>
            {selected ? selected.label : (placeholder ?? labels.combobox.placeholder)}
          </span>
          {selected?.detail ? <span className="planner-combobox-detail">{selected.detail}</span> : null}
          <ChevronsUpDownIcon aria-hidden="true" className="planner-select-icon" />
        </button>
      </PopoverTrigger>
      <PopoverContent className="planner-combobox-content" align="start">
        <Command label={label ?? placeholder ?? labels.combobox.search} className="planner-command">
          <Command.Input className="planner-command-input" placeholder={searchPlaceholder ?? labels.combobox.search} />
          <Command.List className="planner-command-list">
            <Command.Empty className="planner-command-empty">{emptyText ?? labels.combobox.empty}</Command.Empty>
            {groups.map(([group, items]) => (
              <Command.Group key={group ?? ""} heading={group} className="planner-command-group">
                {items.map((option) => (
                  <Command.Item
                    key={option.value}
                    value={option.value}
                    keywords={[option.label, ...(option.keywords ?? [])]}
                    onSelect={() => {
                      onValueChange(option.value);
                      setOpen(false);
                    }}
                    className="planner-menu-item"
                  >
                    <span className="planner-menu-indicator">{option.value === value ? <CheckIcon aria-hidden="true" /> : null}</span>
                    {option.icon ? <span aria-hidden="true">{option.icon}</span> : null}
                    <span className="planner-truncate">{option.label}</span>
                    {option.detail ? <span className="planner-combobox-detail">{option.detail}</span> : null}
                  </Command.Item>
                ))}
              </Command.Group>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}

function groupOptions(options: readonly ComboboxOption[]): [string | undefined, ComboboxOption[]][] {
  const groups = new Map<string | undefined, ComboboxOption[]>();
  for (const option of options) {
    const list = groups.get(option.group) ?? [];
    list.push(option);
    groups.set(option.group, list);
  }
  return [...groups];
}
