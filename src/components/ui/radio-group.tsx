"use client";

import * as RadioGroupPrimitive from "@radix-ui/react-radio-group";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export function RadioGroup({ className, ...props }: ComponentProps<typeof RadioGroupPrimitive.Root>) {
  return <RadioGroupPrimitive.Root data-slot="planner-radio-group" className={cn("planner-radio-group", className)} {...props} />;
}

/** A plain radio (a circle); label it with a `<Label htmlFor>` or `aria-label`. */
export function RadioGroupItem({ className, ...props }: ComponentProps<typeof RadioGroupPrimitive.Item>) {
  return (
    <RadioGroupPrimitive.Item data-slot="planner-radio-group-item" className={cn("planner-radio", className)} {...props}>
      <RadioGroupPrimitive.Indicator className="planner-radio-indicator" />
    </RadioGroupPrimitive.Item>
  );
}

export interface RadioCardProps extends Omit<ComponentProps<typeof RadioGroupPrimitive.Item>, "children" | "title"> {
  title: ReactNode;
  description?: ReactNode | undefined;
  icon?: ReactNode | undefined;
}

/**
 * A large choice card inside a `RadioGroup` ("Start chat with template" / "Execute workflow", event types):
 * the whole card is the radio, named by its title and described by its sentence.
 */
export function RadioCard({ className, title, description, icon, id, value, ...props }: RadioCardProps) {
  const baseId = id ?? `planner-radio-card-${value}`;
  return (
    <RadioGroupPrimitive.Item
      data-slot="planner-radio-card"
      id={baseId}
      value={value}
      aria-labelledby={`${baseId}-title`}
      aria-describedby={description ? `${baseId}-description` : undefined}
      className={cn("planner-radio-card", className)}
      {...props}
    >
      {icon ? <span className="planner-radio-card-icon" aria-hidden="true">{icon}</span> : null}
      <span className="planner-radio-card-text">
        <span id={`${baseId}-title`} className="planner-radio-card-title">
          {title}
        </span>
        {description ? (
          <span id={`${baseId}-description`} className="planner-radio-card-description">
            {description}
          </span>
        ) : null}
      </span>
      <span className="planner-radio" aria-hidden="true">
        <RadioGroupPrimitive.Indicator className="planner-radio-indicator" />
      </span>
    </RadioGroupPrimitive.Item>
  );
}
