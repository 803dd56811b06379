"use client";

import { XIcon } from "lucide-react";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { ComponentProps } from "react";
import { useLabels } from "../../client/settings";
import { cn } from "./cn";

/** A modal dialog: traps focus, restores it on close, closes on Escape (Radix). */
export function Dialog(props: ComponentProps<typeof DialogPrimitive.Root>) {
  return <DialogPrimitive.Root data-slot="planner-dialog" {...props} />;
}

export function DialogTrigger(props: ComponentProps<typeof DialogPrimitive.Trigger>) {
  return <DialogPrimitive.Trigger data-slot="planner-dialog-trigger" {...props} />;
}

export function DialogClose(props: ComponentProps<typeof DialogPrimitive.Close>) {
  return <DialogPrimitive.Close data-slot="planner-dialog-close" {...props} />;
}

export interface DialogContentProps extends ComponentProps<typeof DialogPrimitive.Content> {
  /** Show the × button in the corner (default true). */
  showClose?: boolean | undefined;
  size?: "sm" | "md" | "lg" | undefined;
}

export function DialogContent({ className, children, showClose = true, size = "md", ...props }: DialogContentProps) {
  const labels = useLabels();
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay data-slot="planner-dialog-overlay" className="planner-overlay" />
      <DialogPrimitive.Content data-slot="planner-dialog-content" data-size={size} className={cn("planner-dialog", className)} {...props}>
        {children}
        {showClose ? (
          <DialogPrimitive.Close className="planner-dialog-close" aria-label={labels.common.close}>
            <XIcon aria-hidden="true" />
          </DialogPrimitive.Close>
        ) : null}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="planner-dialog-header" className={cn("planner-dialog-header", className)} {...props} />;
}

/** The scrolling middle of a dialog between a fixed header and a sticky footer. */
export function DialogBody({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="planner-dialog-body" className={cn("planner-dialog-body", className)} {...props} />;
}

/**
 * A `<form>` around a dialog's body and footer that keeps the dialog's layout (the body scrolls, the footer stays
 * at the bottom), for a submit button inside the footer.
 */
export function DialogForm({ className, ...props }: ComponentProps<"form">) {
  return <form data-slot="planner-dialog-form" className={cn("planner-dialog-form", className)} {...props} />;
}

/** The dialog's bottom row (status and buttons): always visible, the body scrolls above it. */
export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="planner-dialog-footer" className={cn("planner-dialog-footer", className)} {...props} />;
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title data-slot="planner-dialog-title" className={cn("planner-dialog-title", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description data-slot="planner-dialog-description" className={cn("planner-dialog-description", className)} {...props} />;
}
