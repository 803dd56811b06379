"use client";

import { Slot } from "@radix-ui/react-slot";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export type ButtonVariant = "primary" | "outline" | "secondary" | "ghost" | "destructive" | "link";
export type ButtonSize = "sm" | "md" | "lg" | "icon";

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant | undefined;
  size?: ButtonSize | undefined;
  /** Render the child element (e.g. a link) with the button's look instead of a `<button>`. */
  asChild?: boolean | undefined;
}

/** A real `<button>` (type="button" unless told otherwise) in the host's look. */
export function Button({ className, variant = "primary", size = "md", asChild = false, type, ...props }: ButtonProps) {
  const Component = asChild ? Slot : "button";
  return (
    <Component
      data-slot="planner-button"
      data-variant={variant}
      data-size={size}
      className={cn("planner-button", className)}
      {...(asChild ? {} : { type: type ?? "button" })}
      {...props}
    />
  );
}
