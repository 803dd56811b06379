"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ExternalLinkIcon, RotateCcwIcon, SquareIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { isSafeResultUrl } from "../../shared/schemas";
import { Button } from "../ui/button";
import type { HistoryRun } from "./types";

const ACTIVE = new Set(["queued", "running", "started"]);

/** One row: the link to the result (children), Cancel for a run in progress or Replay for an ended one; the outcome (or the server's sentence) after them. */
function RunActions({ run, children }: { run: HistoryRun; children?: ReactNode }) {
  const labels = useLabels().runHistory;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<{ tone: "info" | "danger"; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries();
  const cancel = useMutation(
    trpc.runs.cancel.mutationOptions({
      onSuccess: () => setNote(null),
      onError: (error) => setNote({ tone: "danger", text: labels.actionFailed(error.message) }),
      onSettled: refresh,
    }),
  );
  const replay = useMutation(
    trpc.runs.replay.mutationOptions({
      onSuccess: () => setNote({ tone: "info", text: labels.replayed }),
      onError: (error) => setNote({ tone: "danger", text: labels.actionFailed(error.message) }),
      onSettled: refresh,
    }),
  );
  const active = ACTIVE.has(run.status);
  return (
    <div className="planner-run-actions">
      {children}
      {active ? (
        <Button size="sm" variant="outline" disabled={cancel.isPending || Boolean(run.cancelRequestedAt)} onClick={() => cancel.mutate({ agentId: run.agentId, runId: run.id })}>
          <SquareIcon aria-hidden="true" />
          {cancel.isPending || run.cancelRequestedAt ? labels.cancelling : labels.cancelRun}
        </Button>
      ) : (
        <Button size="sm" variant="outline" disabled={replay.isPending} onClick={() => replay.mutate({ agentId: run.agentId, runId: run.id })}>
          <RotateCcwIcon aria-hidden="true" />
          {replay.isPending ? labels.replaying : labels.replayRun}
        </Button>
      )}
      {note ? (
        <p role={note.tone === "danger" ? "alert" : "status"} className="planner-run-action-note" data-tone={note.tone}>
          {note.text}
        </p>
      ) : null}
    </div>
  );
}

/** The expanded run: what was sent (message or input), the error, attempts, warnings, and a link to the result. */
export function RunDetails({ run }: { run: HistoryRun }) {
  const labels = useLabels().runHistory;
  const format = useFormat();
  // Checked again here: a host-written store or an older run may hold a link the schema never saw.
  const link = isSafeResultUrl(run.result?.url) ? run.result.url : undefined;
  return (
    <div data-slot="planner-run-details" className="planner-run-details">
      {run.error ? (
        <section>
          <h4>{labels.error}</h4>
          <pre className="planner-run-pre" data-tone="danger">
            {run.error}
          </pre>
        </section>
      ) : null}
      {run.renderedMessage !== undefined ? (
        <section>
          <h4>{labels.renderedMessage}</h4>
          <pre className="planner-run-pre">{run.renderedMessage}</pre>
        </section>
      ) : run.input !== undefined ? (
        <section>
          <h4>{labels.input}</h4>
          <pre className="planner-run-pre">{JSON.stringify(run.input, null, 2)}</pre>
        </section>
      ) : null}
      <dl className="planner-run-facts">
        <div>
          <dt>{labels.attempts}</dt>
          <dd>{format.number(run.attempts)}</dd>
        </div>
        <div>
          <dt>{labels.kind}</dt>
          <dd>{labels.cause[run.cause]}</dd>
        </div>
        {run.scheduledFor ? (
          <div>
            <dt>{labels.scheduledFor}</dt>
            <dd>{format.dateTime(run.scheduledFor)}</dd>
          </div>
        ) : null}
        {run.skipReason ? (
          <div>
            <dt>{labels.skipReason}</dt>
            <dd>{run.skipReason}</dd>
          </div>
        ) : null}
      </dl>
      {run.warnings?.length ? (
        <section>
          <h4>{labels.warnings}</h4>
          <ul className="planner-run-warnings">
            {run.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {run.timeline?.length ? (
        <section>
          <h4>{labels.timeline}</h4>
          <ol className="planner-run-timeline">
            {run.timeline.map((entry, index) => (
              <li key={index} data-step={entry.step}>
                <time dateTime={entry.at} title={format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "medium" })}>
                  {format.dateTime(entry.at, { timeStyle: "medium" })}
                </time> {labels.timelineStep[entry.step]}
                {entry.attempt ? ` (${labels.attemptNumber(entry.attempt)})` : ""}
                {entry.detail ? <span className="planner-run-timeline-detail">: {entry.detail}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <RunActions run={run}>
        {link ? (
          <a href={link} className="planner-button" data-variant="outline" data-size="sm" target="_blank" rel="noreferrer">
            <ExternalLinkIcon aria-hidden="true" />
            {run.result?.workflowRunId ? labels.openWorkflowRun : labels.openChat}
          </a>
        ) : null}
      </RunActions>
    </div>
  );
}
