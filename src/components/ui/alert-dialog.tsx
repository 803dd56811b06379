"use client";

import * as AlertDialogPrimitive from "@radix-ui/react-alert-dialog";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A confirmation that must be answered (Escape or Cancel dismisses; the overlay does not). */
export function AlertDialog(props: ComponentProps<typeof AlertDialogPrimitive.Root>) {
  return <AlertDialogPrimitive.Root data-slot="planner-alert-dialog" {...props} />;
}

export function AlertDialogTrigger(props: ComponentProps<typeof AlertDialogPrimitive.Trigger>) {
  return <AlertDialogPrimitive.Trigger data-slot="planner-alert-dialog-trigger" {...props} />;
}

export function AlertDialogContent({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Content>) {
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay data-slot="planner-alert-dialog-overlay" className="planner-overlay" />
      <AlertDialogPrimitive.Content data-slot="planner-alert-dialog-content" data-size="sm" className={cn("planner-dialog", className)} {...props} />
    </AlertDialogPrimitive.Portal>
  );
}

export function AlertDialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="planner-alert-dialog-header" className={cn("planner-dialog-header", className)} {...props} />;
}

export function AlertDialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="planner-alert-dialog-footer" className={cn("planner-dialog-footer", className)} {...props} />;
}

export function AlertDialogTitle({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Title>) {
  return <AlertDialogPrimitive.Title data-slot="planner-alert-dialog-title" className={cn("planner-dialog-title", className)} {...props} />;
}

export function AlertDialogDescription({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Description>) {
  return <AlertDialogPrimitive.Description data-slot="planner-alert-dialog-description" className={cn("planner-dialog-description", className)} {...props} />;
}

/** The confirming button; `destructive` for deletes. */
export function AlertDialogAction({ className, variant = "primary", ...props }: ComponentProps<typeof AlertDialogPrimitive.Action> & { variant?: "primary" | "destructive" | undefined }) {
  return <AlertDialogPrimitive.Action data-slot="planner-alert-dialog-action" data-variant={variant} data-size="md" className={cn("planner-button", className)} {...props} />;
}

export function AlertDialogCancel({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Cancel>) {
  return <AlertDialogPrimitive.Cancel data-slot="planner-alert-dialog-cancel" data-variant="outline" data-size="md" className={cn("planner-button", className)} {...props} />;
}
