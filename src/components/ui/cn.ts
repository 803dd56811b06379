"use client";

type ClassValue = string | false | null | undefined | 0;

/** Joins class names, skipping empty ones: `cn("planner-button", isActive && "is-active", className)`. */
export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
