"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { JobItem, TriggerItem } from "../cards/types";
import { LiveStatusProvider, useLiveStatus } from "../../client/live";
import { PlannerHostOptionsScope, useLabels, type PlannerHostOptions } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { BulkAgentMenu } from "../bulk/agent-menu";
import { BulkBar } from "../bulk/bulk-bar";
import { BulkSelectionProvider } from "../bulk/selection";
import { Announcer } from "../cards/announcer";
import { JobList } from "../cards/job-list";
import { ErrorState } from "../cards/list-states";
import { TriggerList } from "../cards/trigger-list";
import { LiveIndicator } from "../live-indicator";
import { ProposalList } from "../proposals/proposal-list";
import type { ProposalItem } from "../proposals/types";
import { preloadJobDialog } from "../job-dialog/lazy";
import { HistoryDialog } from "../run-history/lazy";
import { preloadTriggerDialog } from "../trigger-dialog/lazy";
import type { RunHistoryOwner } from "../run-history/types";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { TooltipProvider } from "../ui/tooltip";
import { AttentionBanner } from "./attention-banner";
import { PanelDialogs, type PlannerPanelDialog } from "./dialogs";
import { RecentActivity } from "./recent-activity";
import { SummaryStrip } from "./summary-strip";
import type { AttentionItem } from "./types";

export type { PlannerPanelDialog } from "./dialogs";

export interface PlannerPanelProps extends PlannerHostOptions {
  agentId: string;
  className?: string | undefined;
  /**
   * `false` leaves out the panel's own header — its title, intro line, live indicator and "Add job" /
   * "Add trigger" — for a host tab that has its own heading and buttons. Open the create dialogs from the
   * host's buttons with `dialog` / `onDialogChange`. Default `true`.
   */
  header?: boolean | undefined;
  /**
   * The dialog to show, controlled by the host: `{ kind: "job" }` opens "Add job", `{ kind: "trigger" }`
   * "Add trigger", `null` none. Leave undefined to let the panel keep this state itself.
   */
  dialog?: PlannerPanelDialog | undefined;
  /** Called when the panel opens a dialog (Edit, Reconnect, its own Add buttons) or one closes (`null`). */
  onDialogChange?: ((dialog: PlannerPanelDialog) => void) | undefined;
}

/**
 * The drop-in body of the host's Planner tab: a header with "Add job" and "Add trigger", the summary strip,
 * a needs-attention banner, Scheduled Jobs and Event Triggers side by side (stacked when narrow), and recent
 * activity — all live over one `live.onChange` stream.
 *
 * `onNotify`, `connectHref` and `logos` apply to everything inside the panel, over the `PlannerProvider`'s.
 *
 * @example
 * ```tsx
 * <PlannerProvider url="/api/planner">
 *   <PlannerPanel agentId={agent.id} />
 * </PlannerProvider>
 * ```
 *
 * @example The host's tab supplies the heading and "Add job"; notices go to its toasts.
 * ```tsx
 * const [dialog, setDialog] = useState<PlannerPanelDialog>(null);
 * <Button onClick={() => setDialog({ kind: "job" })}>Add job</Button>
 * <PlannerPanel agentId={agent.id} header={false} dialog={dialog} onDialogChange={setDialog}
 *   onNotify={(message, tone) => (tone === "error" ? toast.error(message) : toast(message))} />
 * ```
 */
export function PlannerPanel({ agentId, className, header = true, dialog, onDialogChange, onNotify, connectHref, logos }: PlannerPanelProps) {
  return (
    <PlannerHostOptionsScope onNotify={onNotify} connectHref={connectHref} logos={logos}>
      <LiveStatusProvider agentId={agentId}>
        <TooltipProvider>
          <Announcer>
            <BulkSelectionProvider agentId={agentId}>
              <PanelBody agentId={agentId} className={className} header={header} dialog={dialog} onDialogChange={onDialogChange} />
            </BulkSelectionProvider>
          </Announcer>
        </TooltipProvider>
      </LiveStatusProvider>
    </PlannerHostOptionsScope>
  );
}

/**
 * The overview is read again this often even while the live stream is up: an overdue job or a silent trigger is a
 * change nobody writes (a scheduler that stopped sends nothing), so only a read notices it within a minute.
 */
const OVERVIEW_POLL_MS = 30_000;

/** How long after the panel shows its dialogs' code is fetched at the latest, when the browser is never idle. */
const PRELOAD_DIALOGS_WITHIN_MS = 5_000;

/** For the header's buttons: their dialog's code starts loading as the pointer or the focus reaches them. */
const preloadJob = () => void preloadJobDialog();
const preloadTrigger = () => void preloadTriggerDialog();
const preloadDialogs = () => {
  preloadJob();
  preloadTrigger();
};

/**
 * Once the panel is on screen and the browser is idle, fetches the job and trigger dialogs' code, so the first
 * "Add job" or card click opens as fast as the next one instead of waiting for a download.
 */
function usePreloadedDialogs() {
  useEffect(() => {
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(preloadDialogs, { timeout: PRELOAD_DIALOGS_WITHIN_MS });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(preloadDialogs, 1_000);
    return () => window.clearTimeout(timer);
  }, []);
}

type PanelBodyProps = Pick<PlannerPanelProps, "agentId" | "className" | "header" | "dialog" | "onDialogChange">;

function PanelBody({ agentId, className, header, dialog: controlledDialog, onDialogChange }: PanelBodyProps) {
  const labels = useLabels();
  const p = labels.panel;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const live = useLiveStatus(agentId);
  const overview = useQuery(trpc.overview.queryOptions({ agentId }, { refetchInterval: live.refetchInterval || OVERVIEW_POLL_MS }));
  const [ownDialog, setOwnDialog] = useState<PlannerPanelDialog>(null);
  const controlled = controlledDialog !== undefined;
  const dialog = controlled ? controlledDialog : ownDialog;
  // Stable callbacks: opening a dialog re-renders the panel, and the lists and cards (memoised) must not re-render
  // with it — at 500 jobs + 200 triggers that per-card work is what made "Add job" slow.
  const setDialog = useCallback(
    (next: PlannerPanelDialog) => {
      if (!controlled) setOwnDialog(next);
      onDialogChange?.(next);
    },
    [controlled, onDialogChange],
  );
  const addJob = useCallback(() => setDialog({ kind: "job", job: null }), [setDialog]);
  const editJob = useCallback((job: JobItem) => setDialog({ kind: "job", job }), [setDialog]);
  const addTrigger = useCallback(() => setDialog({ kind: "trigger", trigger: null }), [setDialog]);
  const editTrigger = useCallback((trigger: TriggerItem) => setDialog({ kind: "trigger", trigger }), [setDialog]);
  const reviewProposal = useCallback((proposal: ProposalItem) => setDialog({ kind: "job", proposal }), [setDialog]);
  const [history, setHistory] = useState<{ owner?: RunHistoryOwner | undefined; name?: string | undefined } | null>(null);
  usePreloadedDialogs();

  const reconnect = (item: AttentionItem) => {
    const triggers = queryClient.getQueryData(trpc.triggers.list.queryKey({ agentId }));
    const trigger = triggers?.find((candidate) => candidate.id === item.id);
    if (trigger) setDialog({ kind: "trigger", trigger });
  };
  const openHistory = (item: AttentionItem) => setHistory({ owner: { kind: item.kind, id: item.id }, name: item.name });
  const edit = (item: AttentionItem) => {
    if (item.kind === "trigger") return reconnect(item);
    const job = queryClient.getQueryData(trpc.jobs.list.queryKey({ agentId }))?.find((candidate) => candidate.id === item.id);
    if (job) setDialog({ kind: "job", job });
  };

  return (
    <div data-slot="planner-panel" data-header={header ? undefined : "hidden"} className={cn("planner-panel", className)}>
      {header ? (
        <header className="planner-panel-header">
          <div className="planner-panel-titles">
            <h1 className="planner-panel-title">{p.title}</h1>
            <p className="planner-panel-description">{p.description}</p>
          </div>
          <div className="planner-panel-actions">
            <LiveIndicator agentId={agentId} />
            <Button variant="outline" onClick={() => setDialog({ kind: "trigger", trigger: null })} onPointerEnter={preloadTrigger} onFocus={preloadTrigger}>
              <PlusIcon aria-hidden="true" />
              {p.addTrigger}
            </Button>
            <Button onClick={() => setDialog({ kind: "job", job: null })} onPointerEnter={preloadJob} onFocus={preloadJob}>
              <PlusIcon aria-hidden="true" />
              {p.addJob}
            </Button>
            <BulkAgentMenu />
          </div>
        </header>
      ) : null}
      {overview.isError ? (
        <ErrorState title={p.errorTitle} message={overview.error.message} onRetry={() => void queryClient.invalidateQueries(trpc.pathFilter())} />
      ) : (
        <>
          <SummaryStrip overview={overview.data} />
          {overview.data ? <AttentionBanner agentId={agentId} attention={overview.data.attention} onReconnect={reconnect} onOpenHistory={openHistory} onEdit={edit} /> : null}
          <BulkBar />
          <ProposalList agentId={agentId} onEdit={reviewProposal} />
          <div className="planner-panel-columns">
            <JobList agentId={agentId} onAdd={addJob} onEdit={editJob} />
            <TriggerList agentId={agentId} onAdd={addTrigger} onEdit={editTrigger} />
          </div>
          <RecentActivity agentId={agentId} onViewAll={() => setHistory({})} />
        </>
      )}
      <PanelDialogs agentId={agentId} state={dialog} onClose={() => setDialog(null)} />
      {history ? <HistoryDialog agentId={agentId} owner={history.owner} name={history.name} open onOpenChange={(open) => !open && setHistory(null)} /> : null}
    </div>
  );
}
