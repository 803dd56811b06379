"use client";

import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export function TooltipProvider({ delayDuration = 300, ...props }: ComponentProps<typeof TooltipPrimitive.Provider>) {
  return <TooltipPrimitive.Provider data-slot="planner-tooltip-provider" delayDuration={delayDuration} {...props} />;
}

/** Works without a surrounding `TooltipProvider` (each tooltip brings its own). */
export function Tooltip(props: ComponentProps<typeof TooltipPrimitive.Root>) {
  return (
    <TooltipProvider>
      <TooltipPrimitive.Root data-slot="planner-tooltip" {...props} />
    </TooltipProvider>
  );
}

export function TooltipTrigger(props: ComponentProps<typeof TooltipPrimitive.Trigger>) {
  return <TooltipPrimitive.Trigger data-slot="planner-tooltip-trigger" {...props} />;
}

export function TooltipContent({ className, sideOffset = 4, children, ...props }: ComponentProps<typeof TooltipPrimitive.Content>) {
  return (
    <TooltipPrimitive.Portal>
      <TooltipPrimitive.Content data-slot="planner-tooltip-content" sideOffset={sideOffset} className={cn("planner-tooltip", className)} {...props}>
        {children}
      </TooltipPrimitive.Content>
    </TooltipPrimitive.Portal>
  );
}

/**
 * Text that truncates to one line and shows the whole text in a tooltip (long job names).
 * The full text stays in the DOM, so it is still read and found by role queries. It is isolated (`dir="auto"`,
 * a `<bdi>` in the tooltip): bidi controls in a name do not reorder what is around it.
 */
export function TruncatedText({ children, className, as: Tag = "span" }: { children: ReactNode; className?: string | undefined; as?: "span" | "p" | "h3" | "h4" | undefined }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Tag data-slot="planner-truncated-text" className={cn("planner-truncate", className)} tabIndex={-1} dir="auto">
          {children}
        </Tag>
      </TooltipTrigger>
      <TooltipContent>
        <bdi>{children}</bdi>
      </TooltipContent>
    </Tooltip>
  );
}
