"use client";

import { Command } from "cmdk";
import { CheckIcon, ChevronsUpDownIcon } from "lucide-react";
import { useLayoutEffect, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { cn } from "./cn";
import { Popover, PopoverAnchor, PopoverContent, PopoverTrigger } from "./popover";

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
            <OptionGroups groups={groups} value={value} onPick={(picked) => {
              onValueChange(picked);
              setOpen(false);
            }} />
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}

/** The options as cmdk groups and items (the check on the chosen one), for both comboboxes. */
function OptionGroups({ groups, value, mono = false, onPick }: { groups: [string | undefined, ComboboxOption[]][]; value: string | null; mono?: boolean; onPick: (value: string) => void }) {
  return groups.map(([group, items]) => (
    <Command.Group key={group ?? ""} heading={group} className="planner-command-group">
      {items.map((option) => (
        <Command.Item key={option.value} value={option.value} keywords={[option.label, ...(option.keywords ?? [])]} onSelect={() => onPick(option.value)} className="planner-menu-item">
          <span className="planner-menu-indicator">{option.value === value ? <CheckIcon aria-hidden="true" /> : null}</span>
          {option.icon ? <span aria-hidden="true">{option.icon}</span> : null}
          <span className={cn("planner-truncate", mono && "planner-mono")}>{option.label}</span>
          {option.detail ? <span className="planner-combobox-detail">{option.detail}</span> : null}
        </Command.Item>
      ))}
    </Command.Group>
  ));
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

export interface ComboboxInputProps extends Omit<ComponentProps<"input">, "value" | "onChange" | "children" | "type" | "list"> {
  /** Suggestions; what is typed need not be one of them. */
  options: readonly ComboboxOption[];
  value: string;
  onValueChange: (value: string) => void;
  /** Names the field (cmdk names its input by the command's label, so this stands for `aria-label`). */
  "aria-label": string;
  /** Names the list of suggestions. */
  label?: string | undefined;
}

/**
 * A text field with the combobox's list of suggestions (cmdk in a popover, like `Combobox`), for values that may
 * also be typed freely (an event field, or a nested path under one). The field is the cmdk input: arrow keys move
 * through the list, Enter or a click takes a suggestion, Escape closes the list.
 */
export function ComboboxInput({ options, value, onValueChange, label, className, onFocus, onKeyDown, "aria-label": name, ...inputProps }: ComboboxInputProps) {
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const groups = groupOptions(options);
  const show = open && options.length > 0;
  // cmdk's input always says aria-expanded="true" and points aria-controls at its list, which is only in the
  // document while the popover is open: say what is true instead (props cannot override cmdk's own attributes).
  const listId = useRef<string | null>(null);
  useLayoutEffect(() => {
    const field = input.current;
    if (!field) return;
    listId.current ??= field.getAttribute("aria-controls");
    field.setAttribute("aria-expanded", String(show));
    if (show && listId.current) field.setAttribute("aria-controls", listId.current);
    else field.removeAttribute("aria-controls");
  });
  return (
    <Command label={name} className="planner-combobox-input" loop>
      <Popover open={show} onOpenChange={setOpen}>
        <PopoverAnchor asChild>
          <Command.Input
            ref={input}
            data-slot="planner-combobox-input"
            className={cn("planner-input", className)}
            value={value}
            onValueChange={(text) => {
              onValueChange(text);
              setOpen(true);
            }}
            onFocus={(event) => {
              setOpen(true);
              onFocus?.(event);
            }}
            onClick={() => setOpen(true)}
            onKeyDown={(event) => {
              // Escape closes the list first, and only then reaches the dialog.
              if (event.key === "Escape" && show) {
                event.preventDefault();
                event.stopPropagation();
                setOpen(false);
              }
              onKeyDown?.(event);
            }}
            {...inputProps}
          />
        </PopoverAnchor>
        <PopoverContent
          className="planner-combobox-content planner-combobox-suggestions"
          align="start"
          onOpenAutoFocus={(event) => event.preventDefault()}
          onInteractOutside={(event) => {
            // A click in the field is not outside: the list stays open.
            if (event.target === input.current) event.preventDefault();
          }}
        >
          <Command.List className="planner-command-list" label={label ?? labels.combobox.search}>
            <OptionGroups groups={groups} value={value} mono onPick={(picked) => {
              onValueChange(picked);
              setOpen(false);
            }} />
          </Command.List>
        </PopoverContent>
      </Popover>
    </Command>
  );
}
