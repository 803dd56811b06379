"use client";

import { Switch as SwitchPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Switch({ className, ...props }: ComponentProps<typeof SwitchPrimitive.Root>) {
  return (
    <SwitchPrimitive.Root data-slot="planner-switch" className={cn("planner-switch", className)} {...props}>
      <SwitchPrimitive.Thumb className="planner-switch-thumb" />
    </SwitchPrimitive.Root>
  );
}
