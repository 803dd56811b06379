"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlertIcon, CircleCheckIcon, CircleDashedIcon, ClockIcon, HistoryIcon, LoaderCircleIcon, CircleSlashIcon } from "lucide-react";
import { useLiveStatus } from "../../client/live";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { ErrorState } from "../cards/list-states";
import { RECENT_ACTIVITY_LIMIT } from "../../shared/panel-data";
import { RelativeTime } from "../relative-time";
import { Button } from "../ui/button";
import { Skeleton } from "../ui/skeleton";
import { TruncatedText } from "../ui/tooltip";
import { Isolated } from "../ui/bidi";
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

/** Keys of a workflow result that say what happened, in the order they are preferred. */
const RESULT_KEYS = ["summary", "message", "result", "text", "title", "status", "outcome"];

/**
 * A workflow's result in words: its summary/message/result field when it has one, else its first text values
 * ("Ticket created · High priority"), never the ids it was given ("tkt_8f2…" is not a result).
 */
export function summariseResult(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(summariseResult).filter(Boolean).slice(0, 3).join(" · ");
  if (typeof value !== "object") return "";
  const record = value as Record<string, unknown>;
  for (const key of RESULT_KEYS) {
    const found = record[key];
    if (typeof found === "string" && found.trim() !== "") return found;
  }
  const looksLikeId = (key: string, text: string) => /(^id$|Id$|_id$)/u.test(key) || /^[a-z]{2,6}_[A-Za-z0-9]{6,}$/u.test(text);
  const parts = Object.entries(record).flatMap(([key, part]) => {
    if (typeof part === "string" && part.trim() !== "" && !looksLikeId(key, part)) return [part];
    if (typeof part === "number" && !looksLikeId(key, String(part))) return [`${key}: ${part}`];
    return [];
  });
  return parts.slice(0, 3).join(" · ");
}

/** One line of detail: the error, the first words of the message, or the workflow's result (not its input). */
function detailOf(run: ActivityRun, workflowDone: string): string {
  if (run.error) return run.error;
  if (run.renderedMessage) return run.renderedMessage;
  if (run.result?.output !== undefined) return summariseResult(run.result.output) || workflowDone;
  return run.skipReason ?? "";
}

/** The agent's latest runs, live: a round status icon, "Daily digest ran successfully", a detail, a relative time. */
export function RecentActivity({ agentId, limit = RECENT_ACTIVITY_LIMIT, onViewAll }: { agentId: string; limit?: number | undefined; onViewAll?: (() => void) | undefined }) {
  const labels = useLabels();
  const p = labels.panel;
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const activity = useQuery(trpc.activity.list.queryOptions({ agentId, limit }, { refetchInterval: live.refetchInterval }));
  const sentencePhrase = (run: ActivityRun) =>
    ({
      succeeded: p.ranSuccessfully,
      failed: p.runFailed,
      skipped: p.runSkipped,
      running: p.runRunning,
      started: p.runRunning,
      queued: p.runQueued,
      cancelled: p.runCancelled,
    })[run.status];
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
      ) : activity.data.items.every((run) => run.ownerDeleted) ? (
        <p className="planner-empty-text planner-section-note">{p.recentActivityEmpty}</p>
      ) : (
        <ul className="planner-activity-list" aria-label={p.recentActivity}>
          {activity.data.items.filter((run) => !run.ownerDeleted).map((run) => {
            const Icon = ICONS[run.status];
            return (
              <li key={run.id} className="planner-activity-row" data-status={run.status}>
                <span className="planner-activity-icon" aria-hidden="true">
                  <Icon className={run.status === "running" || run.status === "started" ? "planner-spin" : undefined} />
                </span>
                <div className="planner-activity-text">
                  <TruncatedText className="planner-activity-title">
                    <Isolated text={sentencePhrase(run)} value={run.ownerName ?? p.deletedOwner} />
                  </TruncatedText>
                  <TruncatedText className="planner-activity-detail">{detailOf(run, p.workflowFinished)}</TruncatedText>
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
