"use client";

import * as SwitchPrimitive from "@radix-ui/react-switch";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Switch({ className, ...props }: ComponentProps<typeof SwitchPrimitive.Root>) {
  return (
    <SwitchPrimitive.Root data-slot="planner-switch" className={cn("planner-switch", className)} {...props}>
      <SwitchPrimitive.Thumb className="planner-switch-thumb" />
    </SwitchPrimitive.Root>
  );
}
