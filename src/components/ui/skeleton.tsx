"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A placeholder block while data loads; hidden from assistive tech (announce loading elsewhere). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="planner-skeleton" aria-hidden="true" className={cn("planner-skeleton", className)} {...props} />;
}
