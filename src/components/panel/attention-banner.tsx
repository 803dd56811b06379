"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDownIcon, ExternalLinkIcon, EyeOffIcon, HistoryIcon, FilterIcon, PauseIcon, PencilIcon, PlayIcon, PlugZapIcon, RotateCwIcon, SendIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useId, useState, type ReactNode } from "react";
import { useFormat, useHostOptions, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "../cards/announcer";
import { RelativeTime } from "../relative-time";
import { Button } from "../ui/button";
import { TruncatedText } from "../ui/tooltip";
import type { AttentionItem, Overview } from "./types";
import { useIgnoredProblems } from "./use-ignored";
import { useResumeWithChoice } from "../bend";

export interface AttentionBannerProps {
  agentId: string;
  attention: Overview["attention"];
  /** "Reconnect": edit the trigger to pick a working connected account. */
  onReconnect: (item: AttentionItem) => void;
  /** "Open history". */
  onOpenHistory: (item: AttentionItem) => void;
  /** "Edit" / "Edit template": open the item's edit dialog (invalid config, a user without access). */
  onEdit?: ((item: AttentionItem) => void) | undefined;
}

type Cause = AttentionItem["cause"];
/** The order of the counts in the head. */
const CAUSES: Cause[] = ["connection", "overdue", "failure", "timeout", "invalidConfig", "autoPaused", "noAccess", "silent"];
const TONE: Record<Cause, "danger" | "warning"> = {
  connection: "danger",
  failure: "danger",
  timeout: "danger",
  invalidConfig: "warning",
  autoPaused: "warning",
  noAccess: "warning",
  overdue: "danger",
  silent: "warning",
};
/** Causes a replay of the failed run can fix. */
const RETRYABLE = new Set<Cause>(["failure", "timeout", "autoPaused"]);

type RetryAnswer = { retried: number; refused: number; results: Array<{ name: string; status: "retried" | "refused"; reason?: string | undefined }> };

/**
 * "3 items need attention" (mock-up 08): the counts by cause (lost connection, failed, timed out, invalid config,
 * paused after failures) and **Retry all failed**; one row per problem with what failed and when, the error in words,
 * the last success, how often it was tried and an expandable log of the attempts, the recovery for its cause
 * (Reconnect then Retry now; Retry now; the undefined variable and Edit template; Resume), then Disable and Ignore.
 *
 * Ignore hides a row in this browser until the item has a new problem (another failed run, another connection
 * error): the item's `signature` is kept per agent in local storage.
 */
export function AttentionBanner({ agentId, attention, onReconnect, onOpenHistory, onEdit }: AttentionBannerProps) {
  const labels = useLabels();
  const p = labels.panel;
  const a = labels.attention;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const titleId = useId();
  const ignored = useIgnoredProblems(agentId);
  const [result, setResult] = useState<RetryAnswer | null>(null);
  const settle = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId })),
      queryClient.invalidateQueries(trpc.jobs.list.queryFilter({ agentId })),
      queryClient.invalidateQueries(trpc.triggers.list.queryFilter({ agentId })),
      queryClient.invalidateQueries(trpc.activity.list.queryFilter({ agentId })),
    ]);
  const onError = (error: { message: string }) => announce(error.message, "assertive");
  const retryAll = useMutation(trpc.runs.retryFailed.mutationOptions({ onError, onSettled: settle }));

  const visible = attention.items.filter((item) => !ignored.isIgnored(item));
  const hidden = attention.items.length - visible.length;
  // A new problem with an ignored item shows it again: forget signatures of items no longer listed.
  useEffect(() => ignored.prune(attention.items), [attention.items, ignored]);

  if (attention.items.length === 0) return null;
  if (visible.length === 0) {
    return (
      <p data-slot="planner-attention-ignored" className="planner-attention-ignored">
        <EyeOffIcon aria-hidden="true" />
        {a.ignoredCount(hidden)}
        <Button size="sm" variant="link" onClick={() => ignored.clear()}>
          {a.showIgnored}
        </Button>
      </p>
    );
  }

  const parts = CAUSES.flatMap((cause) => {
    const count = visible.filter((item) => item.cause === cause).length;
    return count ? [a.count[cause](count)] : [];
  });
  const canRetryAll = visible.some((item) => item.failedRunId && RETRYABLE.has(item.cause));

  const runRetryAll = () => {
    setResult(null);
    retryAll.mutate(
      { agentId },
      {
        onSuccess: (answer) => {
          setResult(answer);
          announce(a.retryAllDone(answer.retried, answer.refused));
        },
      },
    );
  };

  return (
    <section data-slot="planner-attention" aria-labelledby={titleId} className="planner-attention">
      <div className="planner-attention-head">
        <TriangleAlertIcon aria-hidden="true" />
        <h2 id={titleId} className="planner-attention-title">
          {p.attentionTitle(visible.length)}
        </h2>
        <span className="planner-attention-summary">{p.attentionSummary(parts)}</span>
        <span className="planner-attention-head-actions">
          {hidden ? (
            <Button size="sm" variant="ghost" onClick={() => ignored.clear()} aria-label={`${a.showIgnored}: ${a.ignoredCount(hidden)}`}>
              <EyeOffIcon aria-hidden="true" />
              {a.ignoredCount(hidden)}
            </Button>
          ) : null}
          <Button size="sm" variant="destructive" onClick={runRetryAll} disabled={!canRetryAll || retryAll.isPending} title={canRetryAll ? undefined : a.retryAllNothing}>
            <RotateCwIcon aria-hidden="true" />
            {retryAll.isPending ? a.retryingAll : a.retryAll}
          </Button>
        </span>
      </div>
      <div role="status" className="planner-attention-result" data-empty={result ? undefined : "true"}>
        {result ? (
          <>
            <p>{a.retryAllDone(result.retried, result.refused)}</p>
            <ul>
              {result.results.map((entry, index) => (
                <li key={index} data-status={entry.status}>
                  {entry.status === "retried" ? a.retriedItem(entry.name) : a.refusedItem(entry.name, entry.reason ?? "")}
                </li>
              ))}
            </ul>
            <Button size="sm" variant="ghost" onClick={() => setResult(null)}>
              {a.dismissResult}
            </Button>
          </>
        ) : null}
      </div>
      <ul className="planner-attention-list">
        {visible.map((item) => (
          <AttentionRow
            key={`${item.kind}:${item.id}`}
            agentId={agentId}
            item={item}
            onReconnect={onReconnect}
            onOpenHistory={onOpenHistory}
            onEdit={onEdit ?? onOpenHistory}
            onIgnore={() => {
              ignored.ignore(item);
              announce(a.ignored(item.name));
            }}
            settle={settle}
          />
        ))}
      </ul>
    </section>
  );
}

interface AttentionRowProps {
  agentId: string;
  item: AttentionItem;
  onReconnect: (item: AttentionItem) => void;
  onOpenHistory: (item: AttentionItem) => void;
  onEdit: (item: AttentionItem) => void;
  onIgnore: () => void;
  settle: () => Promise<unknown>;
}

function AttentionRow({ agentId, item, onReconnect, onOpenHistory, onEdit, onIgnore, settle }: AttentionRowProps) {
  const labels = useLabels();
  const p = labels.panel;
  const a = labels.attention;
  const steps = labels.runHistory.timelineStep;
  const format = useFormat();
  const trpc = usePlanner();
  const announce = useAnnounce();
  const { connectHref } = useHostOptions();
  const [open, setOpen] = useState(false);
  const logId = useId();
  const onError = (error: { message: string }) => announce(error.message, "assertive");
  const mutation = { onError, onSettled: settle };
  const replay = useMutation(trpc.runs.replay.mutationOptions(mutation));
  const runJob = useMutation(trpc.jobs.runNow.mutationOptions(mutation));
  const resumeJob = useMutation(trpc.jobs.resume.mutationOptions(mutation));
  const resumeTrigger = useMutation(trpc.triggers.resume.mutationOptions(mutation));
  const pauseJob = useMutation(trpc.jobs.pause.mutationOptions(mutation));
  const pauseTrigger = useMutation(trpc.triggers.pause.mutationOptions(mutation));
  const testTrigger = useMutation(trpc.triggers.test.mutationOptions(mutation));
  const toolkits = useQuery({ ...trpc.catalog.toolkits.queryOptions(undefined, { staleTime: 5 * 60_000 }), enabled: item.cause === "connection" && !!item.toolkit });

  const named = (action: string) => `${action}: ${item.name}`;
  const retried = { onSuccess: () => announce(a.retryStarted(item.name)) };
  const retry = () => {
    if (item.failedRunId) replay.mutate({ agentId, runId: item.failedRunId }, retried);
    else if (item.kind === "job") runJob.mutate({ agentId, jobId: item.id }, retried);
  };
  const resumePlain = () => {
    const done = { onSuccess: () => announce(labels.cards.resumed(item.name)) };
    if (item.kind === "job") resumeJob.mutate({ agentId, jobId: item.id }, done);
    else resumeTrigger.mutate({ agentId, triggerId: item.id }, done);
  };
  // A job that missed runs while paused asks first: run once now, or skip them (as its card's Resume does).
  const resumeChoice = useResumeWithChoice(agentId, { id: item.id, name: item.name }, resumePlain);
  const resume = item.kind === "job" ? resumeChoice.resume : resumePlain;
  const disable = () => {
    const done = { onSuccess: () => announce(a.disabled(item.name)) };
    if (item.kind === "job") pauseJob.mutate({ agentId, jobId: item.id }, done);
    else pauseTrigger.mutate({ agentId, triggerId: item.id }, done);
  };
  const retrying = replay.isPending || runJob.isPending;
  const canRetry = !!item.failedRunId || item.kind === "job";

  const toolkitName = item.toolkit ? (toolkits.data?.find((candidate) => candidate.slug === item.toolkit)?.name ?? item.toolkit.charAt(0).toUpperCase() + item.toolkit.slice(1)) : "";
  const connectUrl = item.cause === "connection" && item.toolkit ? connectHref?.(item.toolkit) || null : null;

  const retryButton = (variant: "primary" | "outline") =>
    canRetry ? (
      <Button size="sm" variant={variant} onClick={retry} disabled={retrying} aria-label={named(a.retryNow)}>
        <RotateCwIcon aria-hidden="true" />
        {retrying ? a.retrying : a.retryNow}
      </Button>
    ) : null;
  const historyButton = (
    <Button size="sm" variant="ghost" onClick={() => onOpenHistory(item)} aria-label={named(p.openHistory)}>
      <HistoryIcon aria-hidden="true" />
      {p.openHistory}
    </Button>
  );

  let recovery: ReactNode;
  switch (item.cause) {
    case "connection":
      recovery = (
        <>
          {connectUrl ? (
            <a href={connectUrl} target="_blank" rel="noreferrer" className="planner-button" data-variant="outline" data-size="sm" aria-label={`${a.connectAgain(toolkitName)} (${item.name})`}>
              <ExternalLinkIcon aria-hidden="true" />
              {a.connectAgain(toolkitName)}
            </a>
          ) : null}
          <Button size="sm" variant="primary" onClick={() => onReconnect(item)} aria-label={named(p.reconnect)}>
            <PlugZapIcon aria-hidden="true" />
            {p.reconnect}
          </Button>
          {item.failedRunId ? retryButton("outline") : null}
        </>
      );
      break;
    case "failure":
    case "timeout":
      recovery = (
        <>
          {retryButton("primary")}
          {historyButton}
        </>
      );
      break;
    case "invalidConfig":
      recovery = (
        <>
          <Button size="sm" variant="primary" onClick={() => onEdit(item)} aria-label={named(item.undefinedVariables?.length ? a.editTemplate : a.edit)}>
            <PencilIcon aria-hidden="true" />
            {item.undefinedVariables?.length ? a.editTemplate : a.edit}
          </Button>
          {historyButton}
        </>
      );
      break;
    case "autoPaused":
      recovery = (
        <>
          <Button size="sm" variant="primary" onClick={resume} disabled={resumeJob.isPending || resumeTrigger.isPending} aria-label={named(p.resume)}>
            <PlayIcon aria-hidden="true" />
            {p.resume}
          </Button>
          {retryButton("outline")}
          {historyButton}
        </>
      );
      break;
    case "overdue":
      recovery = (
        <>
          <Button size="sm" variant="primary" onClick={retry} disabled={retrying} aria-label={named(p.runNow)}>
            <PlayIcon aria-hidden="true" />
            {p.runNow}
          </Button>
          {historyButton}
        </>
      );
      break;
    case "silent":
      recovery = (
        <>
          <Button size="sm" variant="primary" onClick={() => onReconnect(item)} aria-label={named(p.reconnect)}>
            <PlugZapIcon aria-hidden="true" />
            {p.reconnect}
          </Button>
          <Button
            size="sm"
            variant="outline"
            onClick={() => testTrigger.mutate({ agentId, triggerId: item.id }, { onSuccess: () => announce(a.retryStarted(item.name)) })}
            disabled={testTrigger.isPending}
            aria-label={named(a.sendTest)}
          >
            <SendIcon aria-hidden="true" />
            {a.sendTest}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onEdit(item)} aria-label={named(a.checkFilter)}>
            <FilterIcon aria-hidden="true" />
            {a.checkFilter}
          </Button>
        </>
      );
      break;
    case "noAccess":
      recovery = (
        <>
          <Button size="sm" variant="primary" onClick={() => onEdit(item)} aria-label={named(a.edit)}>
            <PencilIcon aria-hidden="true" />
            {a.edit}
          </Button>
          {historyButton}
        </>
      );
      break;
  }

  const log = item.log ?? [];
  return (
    <li className="planner-attention-item" data-problem={item.problem} data-cause={item.cause} data-tone={TONE[item.cause]} aria-label={`${item.name}: ${a.cause[item.cause]}`}>
      <div className="planner-attention-row">
        <div className="planner-attention-text">
          <span className="planner-attention-line">
            <TruncatedText className="planner-attention-name">{item.name}</TruncatedText>
            <span className="planner-attention-cause" data-tone={TONE[item.cause]}>
              {a.cause[item.cause]}
            </span>
            <span className="planner-attention-kind">{item.kind === "job" ? a.kindJob : a.kindTrigger}</span>
          </span>
          <span className="planner-attention-reason" dir="auto">
            {item.reason}
          </span>
          {item.undefinedVariables?.length ? (
            <span className="planner-attention-variables">
              {a.undefinedVariables(item.undefinedVariables.length)}:{" "}
              {item.undefinedVariables.map((name) => (
                <mark key={name} className="planner-attention-variable">{`{${name}}`}</mark>
              ))}
            </span>
          ) : null}
          <span className="planner-attention-meta">
            {item.at && item.failedRunId ? (
              <span>
                {item.cause === "autoPaused" ? a.pausedAt : a.failedAt} <RelativeTime date={item.at} />
              </span>
            ) : null}
            <span>
              {item.lastSuccessAt ? (
                <>
                  {a.lastSuccess} <RelativeTime date={item.lastSuccessAt} />
                </>
              ) : (
                a.noSuccess
              )}
            </span>
            {item.attempts ? <span>{a.attempts(item.attempts)}</span> : null}
            {item.expectedAt ? (
              <span>
                {a.expectedAt} <RelativeTime date={item.expectedAt} />
              </span>
            ) : null}
          </span>
        </div>
      </div>
      <div className="planner-attention-actions" role="group" aria-label={a.recoveryLabel(item.name)}>
        {recovery}
        {item.enabled ? (
          <Button size="sm" variant="ghost" onClick={disable} disabled={pauseJob.isPending || pauseTrigger.isPending} aria-label={named(a.disable)}>
            <PauseIcon aria-hidden="true" />
            {a.disable}
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onIgnore} aria-label={named(a.ignore)}>
          <EyeOffIcon aria-hidden="true" />
          {a.ignore}
        </Button>
        {log.length ? (
          <Button size="sm" variant="ghost" className="planner-attention-log-toggle" aria-expanded={open} aria-controls={logId} onClick={() => setOpen((value) => !value)}>
            <ChevronDownIcon aria-hidden="true" data-open={open || undefined} />
            {open ? a.hideLog : a.showLog(log.length)}
          </Button>
        ) : null}
      </div>
      {log.length ? (
        <ol id={logId} className="planner-attention-log" hidden={!open} aria-label={a.logLabel(item.name)}>
          {log.map((entry, index) => (
            <li key={index} data-step={entry.step}>
              <time dateTime={entry.at} title={format.fullDateTime(entry.at)}>
                {format.dateTime(entry.at, { timeStyle: "medium" })}
              </time>{" "}
              {steps[entry.step]}
              {entry.attempt ? ` (${labels.runHistory.attemptNumber(entry.attempt)})` : ""}
              {entry.detail ? <span className="planner-attention-log-detail">: {entry.detail}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {item.kind === "job" ? resumeChoice.dialog : null}
    </li>
  );
}
