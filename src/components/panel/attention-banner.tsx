"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { HistoryIcon, PlayIcon, PlugZapIcon, TriangleAlertIcon, ZapIcon } from "lucide-react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "../cards/announcer";
import { Button } from "../ui/button";
import { TruncatedText } from "../ui/tooltip";
import type { AttentionItem, Overview } from "./types";

export interface AttentionBannerProps {
  agentId: string;
  attention: Overview["attention"];
  /** "Reconnect": edit the trigger to pick a working connected account. */
  onReconnect: (item: AttentionItem) => void;
  /** "Open history". */
  onOpenHistory: (item: AttentionItem) => void;
}

const ICONS = { reconnect: PlugZapIcon, runNow: ZapIcon, resume: PlayIcon, openHistory: HistoryIcon };

/**
 * "2 items need attention": how many failed, were paused after failures or lost their connection, then one
 * row per item with its reason and its recovery (Reconnect, Run now, Resume, Open history).
 */
export function AttentionBanner({ agentId, attention, onReconnect, onOpenHistory }: AttentionBannerProps) {
  const labels = useLabels();
  const p = labels.panel;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const settle = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId })),
      queryClient.invalidateQueries(trpc.jobs.list.queryFilter({ agentId })),
      queryClient.invalidateQueries(trpc.triggers.list.queryFilter({ agentId })),
    ]);
  const onError = (error: { message: string }) => announce(error.message, "assertive");
  const runJob = useMutation(trpc.jobs.runNow.mutationOptions({ onError, onSettled: settle }));
  const resumeJob = useMutation(trpc.jobs.resume.mutationOptions({ onError, onSettled: settle }));
  const resumeTrigger = useMutation(trpc.triggers.resume.mutationOptions({ onError, onSettled: settle }));

  if (attention.count === 0) return null;
  const count = (problem: AttentionItem["problem"]) => attention.items.filter((item) => item.problem === problem).length;
  const parts = [
    count("lastRunFailed") ? p.attentionFailed(count("lastRunFailed")) : null,
    count("pausedAfterFailures") ? p.attentionPaused(count("pausedAfterFailures")) : null,
    count("connectionBroken") ? p.attentionBroken(count("connectionBroken")) : null,
    count("noAccess") ? p.attentionNoAccess(count("noAccess")) : null,
  ].filter((part): part is string => part !== null);

  const recover = (item: AttentionItem) => {
    if (item.action === "reconnect") onReconnect(item);
    else if (item.action === "openHistory") onOpenHistory(item);
    else if (item.action === "runNow") runJob.mutate({ agentId, jobId: item.id }, { onSuccess: () => announce(labels.cards.runStarted(item.name)) });
    else if (item.kind === "job") resumeJob.mutate({ agentId, jobId: item.id }, { onSuccess: () => announce(labels.cards.resumed(item.name)) });
    else resumeTrigger.mutate({ agentId, triggerId: item.id }, { onSuccess: () => announce(labels.cards.resumed(item.name)) });
  };
  const actionLabel = { reconnect: p.reconnect, runNow: p.runNow, resume: p.resume, openHistory: p.openHistory };

  return (
    <section data-slot="planner-attention" aria-labelledby="planner-attention-title" className="planner-attention">
      <div className="planner-attention-head">
        <TriangleAlertIcon aria-hidden="true" />
        <h2 id="planner-attention-title" className="planner-attention-title">
          {p.attentionTitle(attention.count)}
        </h2>
        <span className="planner-attention-summary">{p.attentionSummary(parts)}</span>
      </div>
      <ul className="planner-attention-list">
        {attention.items.map((item) => {
          const Icon = ICONS[item.action];
          return (
            <li key={`${item.kind}:${item.id}`} className="planner-attention-item" data-problem={item.problem}>
              <div className="planner-attention-text">
                <TruncatedText className="planner-attention-name">{item.name}</TruncatedText>
                <TruncatedText className="planner-attention-reason">{item.reason}</TruncatedText>
              </div>
              <Button size="sm" variant="outline" onClick={() => recover(item)} aria-label={`${actionLabel[item.action]}: ${item.name}`}>
                <Icon aria-hidden="true" />
                {actionLabel[item.action]}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
