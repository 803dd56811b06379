"use client";

import { useQuery } from "@tanstack/react-query";
import { memo, useId, useState } from "react";
import { useLiveStatus } from "../../client/live";
import { useLabels, useViewer } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { SelectItemCheckbox } from "../bulk/select-checkbox";
import { HistoryDialog } from "../run-history/lazy";
import { cn } from "../ui/cn";
import { ActionLabel, CardHead, CardReason, LastRunLine, NowLine, cardClickHandler } from "./card-parts";
import { ItemMenu } from "./item-menu";
import { RUN_STRIP_LENGTH, RunStrip } from "./run-strip";
import { ToolkitLogo } from "./toolkit-logo";
import type { StripRunItem, TriggerItem } from "./types";
import { MAX_RECENT_FILTERED } from "../../shared/schemas";
import { Skeleton } from "../ui/skeleton";
import { useRunResultAnnouncement } from "./use-run-result";
import { useTriggerActions } from "./use-trigger-actions";
import { dateTimeFormat } from "../../shared/intl-cache";

export interface TriggerCardProps {
  agentId: string;
  trigger: TriggerItem;
  /** "Edit" in the menu; without it the item is left out. */
  onEdit?: ((trigger: TriggerItem) => void) | undefined;
  className?: string | undefined;
  /**
   * The trigger's last runs for its strip, newest first, when the list fetched every card's at once
   * (`runs.strips`); `null` while that is loading. Left out, the card fetches its own.
   */
  recentRuns?: readonly StripRunItem[] | null | undefined;
}

function dayKey(value: string, timeZone: string): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(value));
}

/** Events (not tests) that arrived today in the viewer's zone, from the last runs. */
function eventsToday(runs: readonly StripRunItem[], now: Date, timeZone: string): { count: number; more: boolean } {
  const today = dayKey(now.toISOString(), timeZone);
  const events = runs.filter((run) => run.cause === "event" && dayKey(run.createdAt, timeZone) === today);
  return { count: events.length, more: runs.length >= RUN_STRIP_LENGTH && events.length === runs.length };
}

/** Deliveries the filters left out today in the viewer's zone (the trigger remembers the latest 50). */
function filteredToday(times: readonly string[] | undefined, now: Date, timeZone: string): { count: number; more: boolean } {
  if (!times?.length) return { count: 0, more: false };
  const today = dayKey(now.toISOString(), timeZone);
  const count = times.filter((time) => dayKey(time, timeZone) === today).length;
  return { count, more: count === MAX_RECENT_FILTERED };
}

/**
 * One event trigger: name, description, status, the toolkit's logo and name, the action, today's activity (or
 * "Connection error"), the last 20 runs and a menu (Edit, Pause/Resume, Send test event, History, Delete).
 */
export const TriggerCard = memo(function TriggerCard(props: TriggerCardProps) {
  return props.recentRuns === undefined ? <TriggerCardOwnRuns {...props} /> : <TriggerCardView {...props} runs={props.recentRuns ?? undefined} />;
});

/** A card shown on its own: it fetches its own strip. */
function TriggerCardOwnRuns(props: TriggerCardProps) {
  const trpc = usePlanner();
  const live = useLiveStatus(props.agentId);
  const runs = useQuery(trpc.triggers.runs.queryOptions({ agentId: props.agentId, triggerId: props.trigger.id, limit: RUN_STRIP_LENGTH }, { refetchInterval: live.refetchInterval }));
  return <TriggerCardView {...props} runs={runs.data?.items} />;
}

function TriggerCardView({ agentId, trigger, onEdit, className, runs }: TriggerCardProps & { runs: readonly StripRunItem[] | undefined }) {
  const labels = useLabels();
  const viewer = useViewer();
  const titleId = useId();
  const actions = useTriggerActions(agentId, trigger);
  const [historyOpen, setHistoryOpen] = useState(false);
  const pendingRun = runs?.find((run) => run.id === actions.pendingRunId);
  useRunResultAnnouncement(trigger.name, actions.pendingRunId, pendingRun, actions.clearPendingRun);

  const broken = Boolean(trigger.state.connectionError);
  const failed = trigger.enabled && trigger.status === "error";
  const pausedAfterFailures = !trigger.enabled && trigger.state.consecutiveFailures > 0;
  const reason = broken
    ? trigger.state.connectionError
    : failed
      ? (trigger.state.lastRun?.error ?? labels.status.failed)
      : pausedAfterFailures
        ? (trigger.state.pausedReason ?? labels.cards.pausedAfterFailures)
        : undefined;
  const today = eventsToday(runs ?? [], viewer.now(), viewer.timeZone);
  const filtered = filteredToday(trigger.state.recentFiltered, viewer.now(), viewer.timeZone);
  const events = today.count ? labels.cards.eventsToday(today.count, today.more) : labels.cards.noEventsToday;
  const activity = broken
    ? labels.cards.connectionError
    : !trigger.enabled
      ? labels.cards.paused
      : runs === undefined
        ? null
        : filtered.count
          ? `${events} · ${labels.cards.filteredToday(filtered.count, filtered.more)}`
          : events;
  const open = onEdit ? () => onEdit(trigger) : undefined;

  return (
    <article
      data-slot="planner-trigger-card"
      data-status={trigger.status}
      data-failed={failed || broken || undefined}
      aria-labelledby={titleId}
      className={cn("planner-item-card", className)}
      data-clickable={open ? true : undefined}
      onClick={cardClickHandler(open)}
    >
      <CardHead
        onOpen={open}
        icon={<ToolkitLogo toolkit={trigger.source.toolkit} />}
        name={trigger.name}
        titleId={titleId}
        description={trigger.description}
        status={trigger.status}
        select={<SelectItemCheckbox kind="trigger" id={trigger.id} name={trigger.name} />}
        menu={
          <ItemMenu
            kind="trigger"
            name={trigger.name}
            enabled={trigger.enabled}
            onEdit={open}
            onPause={actions.pause}
            onResume={actions.resume}
            onRun={actions.sendTest}
            runDisabled={actions.running}
            onHistory={() => setHistoryOpen(true)}
            onDelete={actions.remove}
          />
        }
      />
      {reason ? <CardReason tone={failed || broken ? "danger" : "warning"}>{reason}</CardReason> : null}
      {trigger.sync ? <CardReason tone="info">{labels.cards.syncingDetail(trigger.sync.lastError)}</CardReason> : null}
      {trigger.sync ? null : <NowLine run={trigger.activeRun} action={trigger.action} />}
      <div className="planner-item-runs">
        <RunStrip runs={runs} />
        <LastRunLine lastRun={trigger.state.lastRun} />
      </div>
      <div className="planner-item-footer">
        <ToolkitLogo toolkit={trigger.source.toolkit} withName />
        <ActionLabel action={trigger.action} />
        {activity === null ? (
          <Skeleton className="planner-item-next planner-item-next-loading" />
        ) : (
          <span className="planner-item-next" data-tone={broken ? "danger" : undefined}>
            {activity}
          </span>
        )}
      </div>
      {historyOpen ? <HistoryDialog agentId={agentId} owner={{ kind: "trigger", id: trigger.id }} name={trigger.name} open onOpenChange={setHistoryOpen} /> : null}
    </article>
  );
}
