"use client";

import { useEffect } from "react";
import { useLabels } from "../../client/settings";
import { useAnnounce } from "./announcer";

interface FinishedRun {
  status: "queued" | "running" | "started" | "succeeded" | "failed" | "skipped" | "cancelled";
  error?: string | undefined;
}

/**
 * Announces how a run the user started ("Run now", "Send test event") ended, once the live stream brings
 * its final status: "Daily digest ran successfully" (polite) or "Daily digest failed: …" (assertive).
 */
export function useRunResultAnnouncement(name: string, pendingRunId: string | null, run: FinishedRun | undefined, clear: () => void) {
  const labels = useLabels().cards;
  const announce = useAnnounce();
  useEffect(() => {
    if (!pendingRunId || !run || run.status === "queued" || run.status === "running" || run.status === "started") return;
    const text =
      run.status === "succeeded"
        ? labels.ranSuccessfully(name)
        : run.status === "failed"
          ? labels.runFailed(name)
          : run.status === "cancelled"
            ? labels.runCancelled(name)
            : labels.runSkipped(name);
    announce(run.error ? `${text}: ${run.error}` : text, run.status === "failed" ? "assertive" : "polite");
    clear();
  }, [pendingRunId, run, name, labels, announce, clear]);
}
