"use client";

import { useQuery } from "@tanstack/react-query";
import { SparklesIcon } from "lucide-react";
import { useId } from "react";
import { useLiveStatus } from "../../client/live";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Announcer } from "../cards/announcer";
import { cn } from "../ui/cn";
import { ProposalCard } from "./proposal-card";
import type { ProposalItem } from "./types";

export interface ProposalListProps {
  agentId: string;
  /** "Edit" on a card: open the job dialog prefilled with `proposal.job` and approve on save (the panel does). */
  onEdit?: ((proposal: ProposalItem) => void) | undefined;
  className?: string | undefined;
}

/**
 * The jobs and reminders the agent proposed (through `plannerTools`), each pending a person's Approve, Edit or
 * Reject. Shows nothing while there are none.
 *
 * @example
 * ```tsx
 * <ProposalList agentId={agent.id} />
 * ```
 */
export function ProposalList({ agentId, onEdit, className }: ProposalListProps) {
  const labels = useLabels().proposals;
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const headingId = useId();
  const proposals = useQuery(trpc.proposals.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  const items = proposals.data ?? [];
  // The announcer stays when the last card goes, so "approved" / "rejected" is still heard.
  return (
    <Announcer>
      {items.length === 0 ? null : (
        <section data-slot="planner-proposals" aria-labelledby={headingId} className={cn("planner-proposals", className)}>
          <header className="planner-proposals-header">
            <SparklesIcon aria-hidden="true" />
            <h2 id={headingId} className="planner-proposals-title">
              {labels.title} <span className="planner-proposals-count">({items.length})</span>
            </h2>
            <p className="planner-proposals-description">{labels.description}</p>
          </header>
          <div className="planner-proposals-list" role="list" aria-label={labels.listLabel}>
            {items.map((proposal) => (
              <div role="listitem" key={proposal.id}>
                <ProposalCard agentId={agentId} proposal={proposal} onEdit={onEdit} />
              </div>
            ))}
          </div>
        </section>
      )}
    </Announcer>
  );
}
