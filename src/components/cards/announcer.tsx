"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useHostOptions } from "../../client/settings";

type Announce = (message: string, tone?: "polite" | "assertive") => void;

const AnnouncerContext = createContext<Announce | null>(null);

/**
 * One visually hidden `aria-live` region for the results of actions (paused, deleted, "ran successfully").
 * Nested announcers reuse the outermost one, so a `JobList` inside a `PlannerPanel` shares its region.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const outer = useContext(AnnouncerContext);
  const [polite, setPolite] = useState("");
  const [assertive, setAssertive] = useState("");
  const announce = useCallback<Announce>((message, tone = "polite") => {
    // Clearing first makes a repeated message ("… paused.") be read again.
    const set = tone === "assertive" ? setAssertive : setPolite;
    set("");
    queueMicrotask(() => set(message));
  }, []);
  const value = useMemo(() => announce, [announce]);
  if (outer) return <>{children}</>;
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" data-slot="planner-announcer" className="planner-sr-only">
        {polite}
      </div>
      <div role="alert" aria-live="assertive" data-slot="planner-announcer-alert" className="planner-sr-only">
        {assertive}
      </div>
    </AnnouncerContext.Provider>
  );
}

/**
 * Announces a message in the nearest `Announcer` (no region outside one) and hands it to the host's
 * `onNotify` (`PlannerProvider` or `PlannerPanel` prop) as `info` (polite) or `error` (assertive), so the
 * host can show it as a toast while screen readers still hear it.
 */
export function useAnnounce(): Announce {
  const region = useContext(AnnouncerContext);
  const { onNotify } = useHostOptions();
  return useCallback<Announce>(
    (message, tone = "polite") => {
      region?.(message, tone);
      onNotify?.(message, tone === "assertive" ? "error" : "info");
    },
    [region, onNotify],
  );
}
