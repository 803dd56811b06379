"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useState } from "react";
import { LiveStatusProvider, useLiveStatus } from "../../client/live";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Announcer } from "../cards/announcer";
import { JobList } from "../cards/job-list";
import { ErrorState } from "../cards/list-states";
import { TriggerList } from "../cards/trigger-list";
import { LiveIndicator } from "../live-indicator";
import { HistoryDialog } from "../run-history/lazy";
import type { RunHistoryOwner } from "../run-history/types";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { TooltipProvider } from "../ui/tooltip";
import { AttentionBanner } from "./attention-banner";
import { PanelDialogs, type PanelDialogState } from "./dialogs";
import { RecentActivity } from "./recent-activity";
import { SummaryStrip } from "./summary-strip";
import type { AttentionItem } from "./types";

export interface PlannerPanelProps {
  agentId: string;
  className?: string | undefined;
}

/**
 * The drop-in body of the host's Planner tab: a header with "Add job" and "Add trigger", the summary strip,
 * a needs-attention banner, Scheduled Jobs and Event Triggers side by side (stacked when narrow), and recent
 * activity — all live over one `live.onChange` stream.
 *
 * @example
 * ```tsx
 * <PlannerProvider url="/api/planner">
 *   <PlannerPanel agentId={agent.id} />
 * </PlannerProvider>
 * ```
 */
export function PlannerPanel({ agentId, className }: PlannerPanelProps) {
  return (
    <LiveStatusProvider agentId={agentId}>
      <TooltipProvider>
        <Announcer>
          <PanelBody agentId={agentId} className={className} />
        </Announcer>
      </TooltipProvider>
    </LiveStatusProvider>
  );
}

function PanelBody({ agentId, className }: PlannerPanelProps) {
  const labels = useLabels();
  const p = labels.panel;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const live = useLiveStatus(agentId);
  const overview = useQuery(trpc.overview.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  const [dialog, setDialog] = useState<PanelDialogState>(null);
  const [history, setHistory] = useState<{ owner?: RunHistoryOwner | undefined; name?: string | undefined } | null>(null);

  const reconnect = (item: AttentionItem) => {
    const triggers = queryClient.getQueryData(trpc.triggers.list.queryKey({ agentId }));
    const trigger = triggers?.find((candidate) => candidate.id === item.id);
    if (trigger) setDialog({ kind: "trigger", trigger });
  };
  const openHistory = (item: AttentionItem) => setHistory({ owner: { kind: item.kind, id: item.id }, name: item.name });

  return (
    <div data-slot="planner-panel" className={cn("planner-panel", className)}>
      <header className="planner-panel-header">
        <div className="planner-panel-titles">
          <h1 className="planner-panel-title">{p.title}</h1>
          <p className="planner-panel-description">{p.description}</p>
        </div>
        <div className="planner-panel-actions">
          <LiveIndicator agentId={agentId} />
          <Button variant="outline" onClick={() => setDialog({ kind: "trigger", trigger: null })}>
            <PlusIcon aria-hidden="true" />
            {p.addTrigger}
          </Button>
          <Button onClick={() => setDialog({ kind: "job", job: null })}>
            <PlusIcon aria-hidden="true" />
            {p.addJob}
          </Button>
        </div>
      </header>
      {overview.isError ? (
        <ErrorState title={p.errorTitle} message={overview.error.message} onRetry={() => void queryClient.invalidateQueries(trpc.pathFilter())} />
      ) : (
        <>
          <SummaryStrip overview={overview.data} />
          {overview.data ? <AttentionBanner agentId={agentId} attention={overview.data.attention} onReconnect={reconnect} onOpenHistory={openHistory} /> : null}
          <div className="planner-panel-columns">
            <JobList agentId={agentId} onAdd={() => setDialog({ kind: "job", job: null })} onEdit={(job) => setDialog({ kind: "job", job })} />
            <TriggerList agentId={agentId} onAdd={() => setDialog({ kind: "trigger", trigger: null })} onEdit={(trigger) => setDialog({ kind: "trigger", trigger })} />
          </div>
          <RecentActivity agentId={agentId} onViewAll={() => setHistory({})} />
        </>
      )}
      <PanelDialogs agentId={agentId} state={dialog} onClose={() => setDialog(null)} />
      {history ? <HistoryDialog agentId={agentId} owner={history.owner} name={history.name} open onOpenChange={(open) => !open && setHistory(null)} /> : null}
    </div>
  );
}
