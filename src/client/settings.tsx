"use client";

import { createContext, useContext, useMemo } from "react";
import {
  formatCalendar,
  formatDateTime,
  formatDuration,
  formatFullDateTime,
  formatInZone,
  formatNumber,
  formatOffset,
  formatRelative,
  formatTime,
  viewerTimeZone,
} from "./format";
import { defaultLabels, type PlannerLabels } from "./labels";

/** What `<PlannerProvider>` tells every component about the viewer. */
export interface PlannerSettings {
  labels: PlannerLabels;
  /** undefined: the browser's locale. */
  locale: string | undefined;
  /** The viewer's IANA zone (resolved, never undefined). */
  timeZone: string;
  /** The viewer's clock (tests and stories pin it). */
  now: () => Date;
}

const systemNow = () => new Date();

export const PlannerSettingsContext = createContext<PlannerSettings | null>(null);

function useSettings(): PlannerSettings {
  const settings = useContext(PlannerSettingsContext);
  // Outside a provider (a StatusBadge in a host page) the defaults still render sensibly.
  return settings ?? { labels: defaultLabels, locale: undefined, timeZone: viewerTimeZone(), now: systemNow };
}

/**
 * The labels in effect: the English defaults with the provider's `labels` overrides applied.
 *
 * @example
 * ```tsx
 * const labels = useLabels();
 * return <Button>{labels.common.retry}</Button>;
 * ```
 */
export function useLabels(): PlannerLabels {
  return useSettings().labels;
}

/** The viewer's locale, zone and clock. */
export function useViewer(): Pick<PlannerSettings, "locale" | "timeZone" | "now"> {
  const { locale, timeZone, now } = useSettings();
  return { locale, timeZone, now };
}

/**
 * The `format*` helpers bound to the viewer's locale, zone and clock.
 *
 * @example
 * ```tsx
 * const format = useFormat();
 * format.calendar(job.state.nextRunAt);              // "Tomorrow 9:00 AM"
 * format.inZone(run.scheduledFor, job.schedule.timezone); // "9:00 AM (Europe/Paris)" for a viewer elsewhere
 * ```
 */
export function useFormat() {
  const { locale, timeZone, now, labels } = useSettings();
  return useMemo(() => {
    const viewer = () => ({ locale, timeZone, now: now() });
    type D = Date | string | number;
    return {
      dateTime: (value: D, options?: Intl.DateTimeFormatOptions) => formatDateTime(value, viewer(), options),
      fullDateTime: (value: D) => formatFullDateTime(value, viewer()),
      time: (value: D) => formatTime(value, viewer()),
      relative: (value: D) => formatRelative(value, viewer()),
      calendar: (value: D) => formatCalendar(value, viewer()),
      inZone: (value: D, zone: string, options?: Intl.DateTimeFormatOptions) => formatInZone(value, zone, viewer(), labels.time.inZone, options),
      offset: (zone: string, at?: D) => formatOffset(zone, at ?? now(), locale),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, viewer(), options),
      duration: (ms: number) => formatDuration(ms, viewer()),
      now,
      timeZone,
      locale,
    };
  }, [locale, timeZone, now, labels]);
}
