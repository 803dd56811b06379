"use client";

import { useEffect, useState, type ComponentProps } from "react";
import { useFormat } from "../client/settings";
import { cn } from "./ui/cn";

export interface RelativeTimeProps extends Omit<ComponentProps<"time">, "children" | "dateTime"> {
  date: Date | string | number;
  /** "relative": "5 minutes ago" (default); "calendar": "Tomorrow 9:00 AM". */
  format?: "relative" | "calendar" | undefined;
  /** Re-render this often so the text stays true (default 30 s; 0 turns it off). */
  refreshMs?: number | undefined;
}

/**
 * A `<time>` with the machine-readable instant, text relative to the viewer's now, and the full date in the
 * viewer's locale and zone as its title.
 *
 * @example
 * ```tsx
 * <RelativeTime date={run.startedAt} />                 // "5 minutes ago"
 * <RelativeTime date={job.state.nextRunAt} format="calendar" /> // "Tomorrow 9:00 AM"
 * ```
 */
export function RelativeTime({ date, format = "relative", refreshMs = 30_000, className, ...props }: RelativeTimeProps) {
  const formatter = useFormat();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  const instant = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(instant.getTime())) return null;
  const full = formatter.fullDateTime(instant);
  return (
    // The server's "now" differs from the browser's, so the text may legitimately change on hydration.
    <time data-slot="planner-relative-time" dateTime={instant.toISOString()} title={full} suppressHydrationWarning className={cn("planner-relative-time", className)} {...props}>
      {format === "calendar" ? formatter.calendar(instant) : formatter.relative(instant)}
    </time>
  );
}
