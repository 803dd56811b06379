"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlertIcon, CircleCheckIcon, CircleDashedIcon, ClockIcon, HistoryIcon, LoaderCircleIcon, CircleSlashIcon } from "lucide-react";
import { useLiveStatus } from "../../client/live";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { ErrorState } from "../cards/list-states";
import { RelativeTime } from "../relative-time";
import { Button } from "../ui/button";
import { Skeleton } from "../ui/skeleton";
import { TruncatedText } from "../ui/tooltip";
import type { ActivityRun } from "./types";

const ICONS = {
  succeeded: CircleCheckIcon,
  failed: CircleAlertIcon,
  skipped: CircleDashedIcon,
  running: LoaderCircleIcon,
  started: LoaderCircleIcon,
  queued: ClockIcon,
  cancelled: CircleSlashIcon,
};

/** The first few values of a workflow input or result, "Invoice #4821 · billing@acme.example". */
function summarise(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  const parts = Object.values(value as Record<string, unknown>).filter((part) => typeof part === "string" || typeof part === "number");
  return parts.length ? parts.slice(0, 3).join(" · ") : JSON.stringify(value);
}

/** One line of detail: the error, the first words of the message, or the workflow input. */
function detailOf(run: ActivityRun): string {
  if (run.error) return run.error;
  if (run.renderedMessage) return run.renderedMessage;
  if (run.input !== undefined) return summarise(run.input);
  return run.skipReason ?? "";
}

/** The agent's latest runs, live: a round status icon, "Daily digest ran successfully", a detail, a relative time. */
export function RecentActivity({ agentId, limit = 8, onViewAll }: { agentId: string; limit?: number | undefined; onViewAll?: (() => void) | undefined }) {
  const labels = useLabels();
  const p = labels.panel;
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const activity = useQuery(trpc.activity.list.queryOptions({ agentId, limit }, { refetchInterval: live.refetchInterval }));
  const sentence = (run: ActivityRun) => {
    const name = run.ownerName ?? p.deletedOwner;
    const phrase = {
      succeeded: p.ranSuccessfully,
      failed: p.runFailed,
      skipped: p.runSkipped,
      running: p.runRunning,
      started: p.runRunning,
      queued: p.runQueued,
      cancelled: p.runCancelled,
    }[run.status];
    return phrase(name);
  };
  return (
    <section data-slot="planner-recent-activity" aria-labelledby="planner-recent-activity-title" className="planner-section">
      <header className="planner-section-header">
        <span className="planner-section-icon" aria-hidden="true">
          <HistoryIcon />
        </span>
        <div className="planner-section-titles">
          <h2 id="planner-recent-activity-title" className="planner-section-title">
            {p.recentActivity}
          </h2>
        </div>
        {onViewAll && activity.data?.items.length ? (
          <Button size="sm" variant="ghost" onClick={onViewAll}>
            {p.viewAllActivity}
          </Button>
        ) : null}
      </header>
      {activity.isPending ? (
        <div role="status" aria-label={labels.common.loading} className="planner-activity-list">
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} style={{ height: "2.5rem" }} />
          ))}
        </div>
      ) : activity.isError ? (
        <ErrorState message={activity.error.message} onRetry={() => void activity.refetch()} />
      ) : activity.data.items.length === 0 ? (
        <p className="planner-empty-text planner-section-note">{p.recentActivityEmpty}</p>
      ) : (
        <ul className="planner-activity-list" aria-label={p.recentActivity}>
          {activity.data.items.map((run) => {
            const Icon = ICONS[run.status];
            return (
              <li key={run.id} className="planner-activity-row" data-status={run.status}>
                <span className="planner-activity-icon" aria-hidden="true">
                  <Icon className={run.status === "running" || run.status === "started" ? "planner-spin" : undefined} />
                </span>
                <div className="planner-activity-text">
                  <TruncatedText className="planner-activity-title">{sentence(run)}</TruncatedText>
                  <TruncatedText className="planner-activity-detail">{detailOf(run)}</TruncatedText>
                </div>
                <RelativeTime date={run.finishedAt ?? run.startedAt ?? run.createdAt} className="planner-activity-time" />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
