"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input data-slot="planner-input" type={type} className={cn("planner-input", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea data-slot="planner-textarea" className={cn("planner-input", "planner-textarea", className)} {...props} />;
}
