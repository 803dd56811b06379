"use client";

import { CircleAlertIcon, CircleCheckIcon, XIcon } from "lucide-react";
import { useLabels } from "../../client/settings";
import type { BulkAction } from "../../shared/schemas";
import { Button } from "../ui/button";

export interface BulkReportState {
  action: BulkAction | "pauseAll" | "resumeAll";
  total: number;
  succeeded: number;
  /** Items left as they were (Pause all / Resume all). */
  unchanged?: number | undefined;
  failures: Array<{ key: string; name: string; message: string }>;
  /** The whole request failed: nothing was changed. */
  error?: string | undefined;
}

/** What a bulk action came to: a sentence, then each item that failed and why. Read out as a status. */
export function BulkReport({ report, onDismiss }: { report: BulkReportState; onDismiss: () => void }) {
  const labels = useLabels().bulk;
  const { action, total, succeeded, failures } = report;
  const summary = report.error
    ? report.error
    : action === "pauseAll"
      ? labels.pauseAllDone(succeeded, report.unchanged ?? 0)
      : action === "resumeAll"
        ? labels.resumeAllDone(succeeded, report.unchanged ?? 0)
        : action === "pause"
          ? labels.donePause(succeeded, total)
          : action === "resume"
            ? labels.doneResume(succeeded, total)
            : action === "runNow"
              ? labels.doneRunNow(succeeded, total)
              : labels.doneDelete(succeeded, total);
  const failedTitle = action === "pauseAll" ? labels.pauseAllFailed(failures.length) : action === "resumeAll" ? labels.resumeAllFailed(failures.length) : labels.failedTitle(failures.length);
  // All done: success; some failed: warning; nothing done: danger.
  const tone = report.error || (failures.length && succeeded === 0) ? "danger" : failures.length ? "warning" : "success";
  return (
    <div role="status" data-slot="planner-bulk-report" data-tone={tone} className="planner-bulk-report">
      {tone !== "success" ? <CircleAlertIcon aria-hidden="true" /> : <CircleCheckIcon aria-hidden="true" />}
      <div className="planner-bulk-report-text">
        <p className="planner-bulk-report-summary">{summary}</p>
        {failures.length ? (
          <>
            <p>{failedTitle}</p>
            <ul className="planner-bulk-failures">
              {failures.map((failure) => (
                <li key={failure.key}>
                  <bdi className="planner-bulk-failure-name">{failure.name}</bdi>: {failure.message}
                </li>
              ))}
            </ul>
            {action !== "pauseAll" && action !== "resumeAll" ? <p className="planner-bulk-report-hint">{labels.failedStaySelected}</p> : null}
          </>
        ) : null}
      </div>
      <Button size="icon" variant="ghost" aria-label={labels.dismissReport} onClick={onDismiss}>
        <XIcon aria-hidden="true" />
      </Button>
    </div>
  );
}
