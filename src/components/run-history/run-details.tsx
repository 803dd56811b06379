"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, ExternalLinkIcon, RotateCcwIcon, SquareIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Button } from "../ui/button";
import { isActiveRun, safeLink, type HistoryRun } from "./types";

type Labels = ReturnType<typeof useLabels>["runHistory"];

/** Cancel for a run in progress: the run ends cancelled (a running one when its worker stops it). */
export function CancelRunButton({ run, name, onNote }: { run: HistoryRun; name: string; onNote?: ((note: { tone: "info" | "danger"; text: string } | null) => void) | undefined }) {
  const labels = useLabels().runHistory;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.runs.cancel.mutationOptions({
      onSuccess: () => onNote?.(null),
      onError: (error) => onNote?.({ tone: "danger", text: labels.actionFailed(error.message) }),
      onSettled: () => queryClient.invalidateQueries(),
    }),
  );
  const pending = cancel.isPending || Boolean(run.cancelRequestedAt);
  return (
    <Button size="sm" variant="outline" aria-label={pending ? undefined : labels.cancelRunOf(name)} disabled={pending} onClick={() => cancel.mutate({ agentId: run.agentId, runId: run.id })}>
      <SquareIcon aria-hidden="true" />
      {pending ? labels.cancelling : labels.cancelRun}
    </Button>
  );
}

/** The link to the result (children), Cancel for a run in progress or Re-run for an ended one; the outcome (or the server's sentence) after them. */
function RunActions({ run, name, children }: { run: HistoryRun; name: string; children?: ReactNode }) {
  const labels = useLabels().runHistory;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<{ tone: "info" | "danger"; text: string } | null>(null);
  const replay = useMutation(
    trpc.runs.replay.mutationOptions({
      onSuccess: () => setNote({ tone: "info", text: labels.replayed }),
      onError: (error) => setNote({ tone: "danger", text: labels.actionFailed(error.message) }),
      onSettled: () => queryClient.invalidateQueries(),
    }),
  );
  return (
    <div className="planner-run-actions">
      {children}
      {isActiveRun(run) ? (
        <CancelRunButton run={run} name={name} onNote={setNote} />
      ) : (
        <Button size="sm" variant="outline" aria-label={replay.isPending ? undefined : labels.rerunOf(name)} disabled={replay.isPending} onClick={() => replay.mutate({ agentId: run.agentId, runId: run.id })}>
          <RotateCcwIcon aria-hidden="true" />
          {replay.isPending ? labels.rerunning : labels.rerun}
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

/** The run id, shown only here (not in rows), with a button that copies it. */
function RunIdFact({ id }: { id: string }) {
  const labels = useLabels().runHistory;
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(id).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div>
      <dt>{labels.runId}</dt>
      <dd className="planner-run-id-fact">
        <code className="planner-mono">{id}</code>
        <Button size="icon" variant="ghost" aria-label={copied ? labels.copied : labels.copyId} title={labels.copyId} onClick={copy}>
          {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
        </Button>
      </dd>
    </div>
  );
}

interface Attempt {
  n: number;
  startedAt?: string | undefined;
  endedAt?: string | undefined;
  outcome: "failed" | "succeeded" | "running";
  detail?: string | undefined;
}

/** Each attempt of the executor with when it started and ended and how, from the run's timeline. */
export function attemptsOf(run: HistoryRun): Attempt[] {
  const attempts = new Map<number, Attempt>();
  const get = (n: number) => {
    let attempt = attempts.get(n);
    if (!attempt) attempts.set(n, (attempt = { n, outcome: "running" }));
    return attempt;
  };
  for (const entry of run.timeline ?? []) {
    if (!entry.attempt) continue;
    const attempt = get(entry.attempt);
    if (entry.step === "executorCalled") attempt.startedAt ??= entry.at;
    else if (entry.step === "attemptFailed" || entry.step === "failed") {
      Object.assign(attempt, { endedAt: entry.at, outcome: "failed", detail: entry.detail });
      if (entry.step === "attemptFailed") get(entry.attempt + 1).startedAt ??= entry.at;
    } else if (entry.step === "completed") Object.assign(attempt, { endedAt: entry.at, outcome: "succeeded" });
  }
  // A retry that was never made (the run ended meanwhile) is not an attempt.
  return [...attempts.values()].filter((attempt) => attempt.n <= Math.max(run.attempts, 1)).sort((a, b) => a.n - b.n);
}

function stepText(run: HistoryRun, entry: NonNullable<HistoryRun["timeline"]>[number], labels: Labels): string {
  const hostReported = entry.step === "failed" && !entry.attempt && (run.timeline ?? []).some((other) => other.step === "accepted");
  if (hostReported) return labels.hostReportedFailed;
  return `${labels.timelineStep[entry.step]}${entry.attempt ? ` (${labels.attemptNumber(entry.attempt)})` : ""}`;
}

/** A run's timeline: what happened, with times. `limit` keeps the latest entries only. */
export function RunTimeline({ run, limit }: { run: HistoryRun; limit?: number | undefined }) {
  const labels = useLabels().runHistory;
  const format = useFormat();
  const entries = limit ? (run.timeline ?? []).slice(-limit) : (run.timeline ?? []);
  if (entries.length === 0) return null;
  return (
    <ol className="planner-run-timeline">
      {entries.map((entry, index) => (
        <li key={index} data-step={entry.step}>
          <time dateTime={entry.at} title={format.fullDateTime(entry.at)}>
            {format.dateTime(entry.at, { timeStyle: "medium" })}
          </time>{" "}
          {stepText(run, entry, labels)}
          {entry.detail ? <span className="planner-run-timeline-detail">: {entry.detail}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The expanded run: what was sent (message or input), the output or the error, attempts with their times, the
 * facts (id, kind, started, finished, duration, the user it acted for), the timeline, links to the chat or
 * workflow run, and Re-run (or Cancel while it is in progress).
 */
export function RunDetails({ run, name }: { run: HistoryRun; name?: string | undefined }) {
  const labels = useLabels().runHistory;
  const format = useFormat();
  const link = safeLink(run.result?.url);
  const attempts = attemptsOf(run);
  const output = run.result?.output;
  const title = name ?? run.ownerName ?? labels.deletedOwner;
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
      {output !== undefined ? (
        <section>
          <h4>{labels.output}</h4>
          <pre className="planner-run-pre">{typeof output === "string" ? output : JSON.stringify(output, null, 2)}</pre>
        </section>
      ) : null}
      <dl className="planner-run-facts">
        <div>
          <dt>{labels.attempts}</dt>
          <dd>{format.number(run.attempts)}</dd>
        </div>
        <RunIdFact id={run.id} />
        <div>
          <dt>{labels.kind}</dt>
          <dd>{labels.kindOf[run.cause]}</dd>
        </div>
        {run.cause === "schedule" && run.scheduledFor ? (
          <div>
            <dt>{labels.scheduledFor}</dt>
            <dd>{format.dateTime(run.scheduledFor)}</dd>
          </div>
        ) : null}
        {run.cause === "replay" && run.scheduledFor ? (
          <div>
            <dt>{labels.occurrence}</dt>
            <dd>{format.dateTime(run.scheduledFor)}</dd>
          </div>
        ) : null}
        {run.startedAt ? (
          <div>
            <dt>{labels.startedAt}</dt>
            <dd>{format.dateTime(run.startedAt, { dateStyle: "medium", timeStyle: "medium" })}</dd>
          </div>
        ) : null}
        {run.finishedAt ? (
          <div>
            <dt>{labels.finishedAt}</dt>
            <dd>{format.dateTime(run.finishedAt, { dateStyle: "medium", timeStyle: "medium" })}</dd>
          </div>
        ) : null}
        {run.durationMs !== null ? (
          <div>
            <dt>{labels.duration}</dt>
            <dd>{format.duration(run.durationMs)}</dd>
          </div>
        ) : null}
        {run.userId ? (
          <div>
            <dt>{labels.actedFor}</dt>
            <dd>
              <bdi>{run.userId}</bdi>
            </dd>
          </div>
        ) : null}
        {run.skipReason ? (
          <div>
            <dt>{labels.skipReason}</dt>
            <dd>{run.skipReason}</dd>
          </div>
        ) : null}
      </dl>
      {attempts.length > 1 || attempts.some((attempt) => attempt.outcome === "failed") ? (
        <section>
          <h4>{labels.attemptsList}</h4>
          <ol className="planner-run-attempts">
            {attempts.map((attempt) => (
              <li key={attempt.n} data-outcome={attempt.outcome}>
                {labels.attemptAt(attempt.n, attempt.startedAt ? format.dateTime(attempt.startedAt, { timeStyle: "medium" }) : labels.none)}
                {" – "}
                {labels.attemptOutcome[attempt.outcome]}
                {attempt.endedAt ? ` ${format.dateTime(attempt.endedAt, { timeStyle: "medium" })}` : ""}
                {attempt.detail ? <span className="planner-run-timeline-detail">: {attempt.detail}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
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
          <RunTimeline run={run} />
        </section>
      ) : null}
      <RunActions run={run} name={title}>
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
