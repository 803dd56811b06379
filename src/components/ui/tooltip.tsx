"use client";

import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { useEffect, useRef, useState, type ComponentProps, type FocusEvent, type PointerEvent, type ReactNode } from "react";
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

/** What `useLazyTooltip` answers: handlers for the element that shows the tooltip, and the anchor to render inside it. */
export interface LazyTooltip {
  handlers: {
    onPointerEnter: (event: PointerEvent<HTMLElement>) => void;
    onPointerLeave: () => void;
    onPointerDown: () => void;
    onFocus: (event: FocusEvent<HTMLElement>) => void;
    onBlur: () => void;
  };
  /** Render inside the element (which must be `position: relative`, as `.planner-truncate` and card titles are). */
  anchor: ReactNode;
}

/** Whether the element got focus from the keyboard (a click's focus shows no tooltip). */
function focusVisible(element: Element): boolean {
  try {
    return element.matches(":focus-visible");
  } catch {
    return false; // a DOM without the selector
  }
}

/**
 * A tooltip for something shown hundreds of times (a card's title, a row's text): nothing of Radix is rendered until
 * the pointer first enters the element or the keyboard focuses it. Then Radix's tooltip is mounted, anchored to an
 * empty span laid over the element from inside it — the element itself is never replaced, so focus, clicks and
 * screen readers are not disturbed — and opened after `delayMs` on hover, at once on keyboard focus; leaving,
 * pressing, blurring, Escape and scrolling close it. A touch shows none (the text is in the element anyway).
 */
export function useLazyTooltip(content: ReactNode, delayMs = 300): LazyTooltip {
  const [state, setState] = useState<"idle" | "armed" | "open">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const clear = () => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };
  useEffect(() => clear, []);
  const hide = () => {
    clear();
    setState((current) => (current === "open" ? "armed" : current));
  };
  const handlers: LazyTooltip["handlers"] = {
    onPointerEnter: (event) => {
      if (event.pointerType === "touch") return;
      clear();
      setState((current) => (current === "idle" ? "armed" : current));
      timer.current = setTimeout(() => setState("open"), delayMs);
    },
    onPointerLeave: hide,
    onPointerDown: hide,
    onFocus: (event) => {
      if (!focusVisible(event.currentTarget)) return;
      clear();
      setState("open");
    },
    onBlur: hide,
  };
  const anchor =
    state === "idle" ? null : (
      <Tooltip open={state === "open"} onOpenChange={(open) => (open ? undefined : hide())}>
        <TooltipTrigger asChild>
          <span className="planner-tooltip-anchor" aria-hidden="true" />
        </TooltipTrigger>
        <TooltipContent>
          <bdi>{content}</bdi>
        </TooltipContent>
      </Tooltip>
    );
  return { handlers, anchor };
}

/**
 * Text that truncates to one line and shows the whole text in a tooltip (long job names).
 * The full text stays in the DOM, so it is still read and found by role queries. It is isolated (`dir="auto"`,
 * a `<bdi>` in the tooltip): bidi controls in a name do not reorder what is around it. The tooltip is mounted the
 * first time it is wanted (`useLazyTooltip`): a list of hundreds renders none.
 */
export function TruncatedText({ children, className, as: Tag = "span" }: { children: ReactNode; className?: string | undefined; as?: "span" | "p" | "h3" | "h4" | undefined }) {
  const tooltip = useLazyTooltip(children);
  return (
    <Tag data-slot="planner-truncated-text" className={cn("planner-truncate", className)} tabIndex={-1} dir="auto" {...tooltip.handlers}>
      {children}
      {tooltip.anchor}
    </Tag>
  );
}
