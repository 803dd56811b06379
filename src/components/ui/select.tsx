"use client";

import { CheckIcon, ChevronDownIcon } from "lucide-react";
import * as SelectPrimitive from "@radix-ui/react-select";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A listbox select. Put the `Field`'s control props on `SelectTrigger` (it is the labelled control).
 *
 * @example
 * ```tsx
 * <Field label="Workflow">{(control) => (
 *   <Select value={value} onValueChange={setValue}>
 *     <SelectTrigger {...control}><SelectValue placeholder="Choose a workflow" /></SelectTrigger>
 *     <SelectContent>{workflows.map((w) => <SelectItem key={w.id} value={w.id}>{w.name}</SelectItem>)}</SelectContent>
 *   </Select>
 * )}</Field>
 * ```
 */
export function Select(props: ComponentProps<typeof SelectPrimitive.Root>) {
  return <SelectPrimitive.Root data-slot="planner-select" {...props} />;
}

export function SelectTrigger({ className, children, size = "md", ...props }: ComponentProps<typeof SelectPrimitive.Trigger> & { size?: "sm" | "md" | undefined }) {
  return (
    <SelectPrimitive.Trigger data-slot="planner-select-trigger" data-size={size} className={cn("planner-input", "planner-select-trigger", className)} {...props}>
      {children}
      <SelectPrimitive.Icon asChild>
        <ChevronDownIcon aria-hidden="true" className="planner-select-icon" />
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  );
}

export function SelectValue(props: ComponentProps<typeof SelectPrimitive.Value>) {
  return <SelectPrimitive.Value data-slot="planner-select-value" {...props} />;
}

export function SelectContent({ className, children, position = "popper", ...props }: ComponentProps<typeof SelectPrimitive.Content>) {
  return (
    <SelectPrimitive.Portal>
      <SelectPrimitive.Content data-slot="planner-select-content" position={position} sideOffset={4} className={cn("planner-menu", "planner-select-content", className)} {...props}>
        <SelectPrimitive.Viewport className="planner-select-viewport">{children}</SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Portal>
  );
}

export function SelectItem({ className, children, ...props }: ComponentProps<typeof SelectPrimitive.Item>) {
  return (
    <SelectPrimitive.Item data-slot="planner-select-item" className={cn("planner-menu-item", className)} {...props}>
      <span className="planner-menu-indicator">
        <SelectPrimitive.ItemIndicator>
          <CheckIcon aria-hidden="true" />
        </SelectPrimitive.ItemIndicator>
      </span>
      <SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>
    </SelectPrimitive.Item>
  );
}

export function SelectGroup(props: ComponentProps<typeof SelectPrimitive.Group>) {
  return <SelectPrimitive.Group data-slot="planner-select-group" {...props} />;
}

export function SelectLabel({ className, ...props }: ComponentProps<typeof SelectPrimitive.Label>) {
  return <SelectPrimitive.Label data-slot="planner-select-label" className={cn("planner-menu-label", className)} {...props} />;
}

export function SelectSeparator({ className, ...props }: ComponentProps<typeof SelectPrimitive.Separator>) {
  return <SelectPrimitive.Separator data-slot="planner-select-separator" className={cn("planner-menu-separator", className)} {...props} />;
}
