"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info" | "accent";

export function Badge({ className, tone = "neutral", ...props }: ComponentProps<"span"> & { tone?: BadgeTone | undefined }) {
  return <span data-slot="planner-badge" data-tone={tone} className={cn("planner-badge", className)} {...props} />;
}
