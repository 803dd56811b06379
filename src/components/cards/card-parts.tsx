"use client";

import { CircleAlertIcon, RefreshCwIcon } from "lucide-react";
import { useEffect, useState, type MouseEvent, type ReactNode } from "react";
import type { Action, RunSummary } from "../../shared/schemas";
import { useFormat, useLabels } from "../../client/settings";
import { StatusBadge, type ItemStatus } from "../status-badge";
import { SpriteIcon } from "../ui/icon-sprite";
import { TruncatedText, useLazyTooltip } from "../ui/tooltip";

/** What a click inside a card must leave alone: its controls (menu, buttons, the selection checkbox, links). */
const INTERACTIVE = "button, a[href], input, select, textarea, label, summary, [role='menuitem'], [role='checkbox'], [role='button'], [contenteditable='true']";

/**
 * The card's click handler: a click on the card's body (not on a control inside it, not in a dialog it opened —
 * React sends portal clicks up the component tree — and not the end of a text selection) opens `onOpen`. The
 * keyboard gets the same through the title, which is a button.
 */
export function cardClickHandler(onOpen: (() => void) | undefined) {
  if (!onOpen) return undefined;
  return (event: MouseEvent<HTMLElement>) => {
    const target = event.target;
    if (!(target instanceof Element) || !event.currentTarget.contains(target)) return;
    if (target.closest(INTERACTIVE)) return;
    if (event.defaultPrevented || event.button !== 0) return;
    if (typeof window !== "undefined" && (window.getSelection()?.toString() ?? "") !== "") return;
    onOpen();
  };
}

/** Name, two lines of description, the status pill and the menu: the top of a job or trigger card. `select`: its selection checkbox. */
export function CardHead({
  icon,
  name,
  titleId,
  description,
  status,
  menu,
  onOpen,
  select,
}: {
  icon: ReactNode;
  name: string;
  titleId: string;
  description?: string | undefined;
  status: ItemStatus;
  menu: ReactNode;
  /** Opens the edit dialog: the title becomes a button (Enter/Space on it, a click on the card's body). */
  onOpen?: (() => void) | undefined;
  select?: ReactNode;
}) {
  const labels = useLabels().cards;
  return (
    <div className="planner-item-head">
      {select}
      <span className="planner-item-icon" aria-hidden="true">
        {icon}
      </span>
      <div className="planner-item-titles">
        <h3 id={titleId} className="planner-item-title">
          {onOpen ? (
            <TitleButton name={name} onOpen={onOpen} description={labels.editItem(name)} />
          ) : (
            <TruncatedText>{name}</TruncatedText>
          )}
        </h3>
        {description ? (
          <p className="planner-item-description" dir="auto">
            {description}
          </p>
        ) : null}
      </div>
      <StatusBadge status={status} />
      {menu}
    </div>
  );
}

/** The card's title as the button that opens its edit dialog, the whole name in a tooltip (mounted when first wanted). */
function TitleButton({ name, onOpen, description }: { name: string; onOpen: () => void; description: string }) {
  const tooltip = useLazyTooltip(name);
  return (
    <button type="button" className="planner-item-title-button planner-truncate" dir="auto" data-slot="planner-item-open" onClick={onOpen} aria-description={description} {...tooltip.handlers}>
      {name}
      {tooltip.anchor}
    </button>
  );
}

/** Why a card is red (or amber): one line. */
export function CardReason({ tone, children }: { tone: "danger" | "warning" | "info"; children: string }) {
  return (
    <p className="planner-item-reason" data-tone={tone} role={tone === "info" ? "status" : undefined}>
      {tone === "info" ? <RefreshCwIcon aria-hidden="true" className="planner-spin" /> : <CircleAlertIcon aria-hidden="true" />}
      <TruncatedText>{children}</TruncatedText>
    </p>
  );
}

/** "Chat template" / "Execute workflow" with its icon. */
export function ActionLabel({ action }: { action: Action }) {
  const labels = useLabels().cards;
  return (
    <span className="planner-item-meta">
      <SpriteIcon name={action.type === "chat" ? "message-square" : "workflow"} />
      {action.type === "chat" ? labels.chatAction : labels.workflowAction}
    </span>
  );
}

/** "Last run 5 minutes ago · succeeded" (or "Not run yet"), from the item's own state: known with the list, no flash. */
export function LastRunLine({ lastRun }: { lastRun: RunSummary | undefined }) {
  const labels = useLabels();
  const format = useFormat();
  useTick(30_000);
  return (
    <span className="planner-item-last" data-slot="planner-last-run" data-status={lastRun?.status} title={lastRun ? format.fullDateTime(lastRun.at) : undefined}>
      {lastRun ? labels.cards.lastRun(format.relative(lastRun.at), labels.status[lastRun.status].toLocaleLowerCase()) : labels.cards.neverRun}
    </span>
  );
}

/** Re-renders every `ms` so relative times stay true. */
function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/** An item's run in progress, as the views give it. */
export interface ActiveRunInfo {
  /** "queued", "running" or "started". */
  status: string;
  startedAt?: string | undefined;
}

/**
 * What a running job or trigger is doing now: "Running · started 30 seconds ago", "Waiting for the chat to
 * finish" for a run the executor accepted (the host reports its end), "Queued to run…".
 */
export function NowLine({ run, action }: { run: ActiveRunInfo | null; action: Action }) {
  // Only a card with a run in progress keeps a timer.
  return run ? <NowText run={run} action={action} /> : null;
}

function NowText({ run, action }: { run: ActiveRunInfo; action: Action }) {
  const labels = useLabels().cards;
  const format = useFormat();
  useTick(5_000);
  const text =
    run.status === "started"
      ? action.type === "chat"
        ? labels.waitingForChat
        : labels.waitingForWorkflow
      : run.status === "running"
        ? run.startedAt
          ? labels.runningSince(format.relative(run.startedAt))
          : labels.runningNow
        : labels.queuedNow;
  return <CardReason tone="info">{text}</CardReason>;
}
