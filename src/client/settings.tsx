"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
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

/** How a notice reads: `info` for a result (paused, deleted, run started), `error` for a failure. */
export type PlannerNotifyTone = "info" | "error";

/**
 * Where toolkit logos come from: `"composio"` (default) the logo URL Composio's catalog gives (its CDN),
 * `"none"` no image (the app's initial on a tile, nothing loaded from elsewhere), a map of slug → URL (slugs
 * not in it get the initial), or a function answering a URL (or null for the initial) from the slug and
 * Composio's URL.
 */
export type PlannerLogos =
  | "composio"
  | "none"
  | Readonly<Record<string, string>>
  | ((toolkit: string, composioLogo: string | undefined) => string | null | undefined);

/** What the host lends the components: its toasts, its Connections page, its logo policy. */
export interface PlannerHostOptions {
  /**
   * Called with every notice the components show (a job paused, a run failed): route it to the host's toasts.
   * The notice is still announced to screen readers in the components' own live region.
   */
  onNotify?: ((message: string, tone: PlannerNotifyTone) => void) | undefined;
  /**
   * The host's page where the viewer connects `toolkit` ("gmail"); the trigger dialog's "no connected
   * account" hint then links there. Null or undefined: no link.
   */
  connectHref?: ((toolkit: string) => string | null | undefined) | undefined;
  /** Where toolkit logos come from (default `"composio"`). */
  logos?: PlannerLogos | undefined;
}

/** What `<PlannerProvider>` tells every component about the viewer. */
export interface PlannerSettings {
  labels: PlannerLabels;
  /** undefined: the browser's locale. */
  locale: string | undefined;
  /** The viewer's IANA zone (resolved, never undefined). */
  timeZone: string;
  /** The viewer's clock (tests and stories pin it). */
  now: () => Date;
  /** The host's toasts, Connections page and logo policy. */
  host: PlannerHostOptions;
}

const systemNow = () => new Date();

export const PlannerSettingsContext = createContext<PlannerSettings | null>(null);

const noHostOptions: PlannerHostOptions = {};

function useSettings(): PlannerSettings {
  const settings = useContext(PlannerSettingsContext);
  // Outside a provider (a StatusBadge in a host page) the defaults still render sensibly.
  return settings ?? { labels: defaultLabels, locale: undefined, timeZone: viewerTimeZone(), now: systemNow, host: noHostOptions };
}

/** The host options in effect (`onNotify`, `connectHref`, `logos`): the nearest provider's, with a panel's own on top. */
export function useHostOptions(): PlannerHostOptions {
  return useSettings().host;
}

/**
 * Lends `options` to the components below, over the provider's: a value left undefined keeps the outer one.
 * `PlannerPanel` uses it for its `onNotify`, `connectHref` and `logos` props.
 */
export function PlannerHostOptionsScope({ children, ...options }: PlannerHostOptions & { children: ReactNode }) {
  const outer = useSettings();
  const { onNotify, connectHref, logos } = options;
  const value = useMemo<PlannerSettings>(
    () => ({
      ...outer,
      host: {
        onNotify: onNotify ?? outer.host.onNotify,
        connectHref: connectHref ?? outer.host.connectHref,
        logos: logos ?? outer.host.logos,
      },
    }),
    [outer, onNotify, connectHref, logos],
  );
  return <PlannerSettingsContext.Provider value={value}>{children}</PlannerSettingsContext.Provider>;
}

/**
 * The logo URL for `toolkit` under the host's `logos` option, or null for none (show the initial).
 *
 * @example
 * ```ts
 * logoUrl("gmail", "https://logos.composio.dev/api/gmail", { gmail: "/logos/gmail.svg" }); // "/logos/gmail.svg"
 * logoUrl("gmail", "https://logos.composio.dev/api/gmail", "none");                        // null
 * ```
 */
export function logoUrl(toolkit: string, composioLogo: string | undefined, logos: PlannerLogos | undefined): string | null {
  if (logos === undefined || logos === "composio") return composioLogo || null;
  if (logos === "none") return null;
  if (typeof logos === "function") return logos(toolkit, composioLogo) || null;
  return Object.hasOwn(logos, toolkit) ? logos[toolkit] || null : null;
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
