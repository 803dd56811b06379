"use client";

import { ActivityIcon, ExternalLinkIcon } from "lucide-react";
import { useFormat, useLabels } from "../../client/settings";
import { TruncatedText } from "../ui/tooltip";
import { CancelRunButton, RunTimeline } from "./run-details";
import { safeLink, type HistoryRun } from "./types";
import { useTick } from "./use-tick";

/**
 * "Active executions" (mock-up 07): a card per run in progress — its name, kind and source ("Scheduled job •
 * Started 2 minutes ago"), the status word, the elapsed time (ticking), the timeline so far, Open chat and Cancel.
 */
export function ActiveRuns({ runs, ownerName }: { runs: readonly HistoryRun[]; ownerName?: string | undefined }) {
  const labels = useLabels();
  const h = labels.runHistory;
  const format = useFormat();
  useTick(runs.length > 0);
  if (runs.length === 0) return null;
  const now = format.now().getTime();
  return (
    <section data-slot="planner-active-runs" aria-label={h.activeLabel} className="planner-active-runs">
      <h3 className="planner-active-runs-title">
        <ActivityIcon aria-hidden="true" />
        {h.activeTitle}
        <span className="planner-badge" data-tone="info">
          {format.number(runs.length)}
        </span>
      </h3>
      <ul className="planner-active-run-list">
        {runs.map((run) => {
          const name = run.ownerName ?? ownerName ?? h.deletedOwner;
          const source = run.owner.kind === "job" ? h.ownerKindJob : h.ownerKindTrigger;
          const kind = run.cause === "schedule" || run.cause === "event" ? source : `${source} • ${h.kindOf[run.cause]}`;
          const started = run.startedAt ?? run.createdAt;
          const link = safeLink(run.result?.url);
          return (
            <li key={run.id} className="planner-active-run" data-status={run.status} aria-label={name}>
              <div className="planner-active-run-head">
                <span className="planner-run-status" data-status={run.status}>
                  <span className="planner-run-status-dot" aria-hidden="true" />
                  {labels.status[run.status]}
                </span>
                <TruncatedText className="planner-active-run-name">{name}</TruncatedText>
                <span className="planner-run-elapsed" data-slot="planner-run-elapsed">
                  {run.startedAt ? h.elapsed(format.duration(Math.floor(Math.max(0, now - Date.parse(run.startedAt)) / 1000) * 1000)) : h.waiting}
                </span>
              </div>
              <p className="planner-active-run-source">{h.activeSource(kind, format.relative(started))}</p>
              <RunTimeline run={run} limit={4} />
              <div className="planner-run-actions">
                {link ? (
                  <a href={link} className="planner-button" data-variant="outline" data-size="sm" target="_blank" rel="noreferrer">
                    <ExternalLinkIcon aria-hidden="true" />
                    {run.result?.workflowRunId ? h.openWorkflowRun : h.openChat}
                  </a>
                ) : null}
                <CancelRunButton run={run} name={name} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
