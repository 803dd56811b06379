"use client";

import { BellIcon, CalendarClockIcon, CheckIcon, PencilIcon, UserIcon, XIcon } from "lucide-react";
import { memo, useId } from "react";
import { sameTimeZone } from "../../client/format";
import { useFormat, useLabels, useViewer } from "../../client/settings";
import { ActionLabel } from "../cards/card-parts";
import { scheduleSentence } from "../cards/schedule-sentence";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import type { ProposalItem } from "./types";
import { useProposalActions } from "./use-proposal-actions";

export interface ProposalCardProps {
  agentId: string;
  proposal: ProposalItem;
  /** "Edit": opens the job dialog prefilled with the proposal; saving it approves. Without it the button is left out. */
  onEdit?: ((proposal: ProposalItem) => void) | undefined;
  className?: string | undefined;
}

/**
 * A job the agent proposed, pending approval: its sentence, its next runs, the message it will send (rendered as
 * its first run would render it) and the user it will act for, with Approve, Edit and Reject.
 */
export const ProposalCard = memo(function ProposalCard({ agentId, proposal, onEdit, className }: ProposalCardProps) {
  const labels = useLabels();
  const text = labels.proposals;
  const format = useFormat();
  const viewer = useViewer();
  const titleId = useId();
  const actions = useProposalActions(agentId, proposal);
  const { job } = proposal;
  const reminder = proposal.kind === "reminder";
  const sentence = reminder && proposal.runAt ? text.reminderAt(format.calendar(proposal.runAt)) : scheduleSentence(job.schedule.cron, labels.cards, viewer.locale, proposal.scheduleSentence);
  const schedule = reminder || sameTimeZone(job.schedule.timezone, viewer.timeZone) ? sentence : labels.cards.scheduleInZone(sentence, job.schedule.timezone);
  const busy = actions.approving || actions.rejecting;

  return (
    <article data-slot="planner-proposal-card" data-kind={proposal.kind} aria-labelledby={titleId} className={cn("planner-proposal-card", className)}>
      <div className="planner-proposal-head">
        <span className="planner-item-icon" aria-hidden="true">
          {reminder ? <BellIcon /> : <CalendarClockIcon />}
        </span>
        <div className="planner-proposal-titles">
          <h3 id={titleId} className="planner-item-title">
            {job.name}
          </h3>
          <p className="planner-proposal-kind">
            {reminder ? text.kindReminder : text.kindJob} · {text.proposedAt(format.relative(proposal.createdAt))}
          </p>
        </div>
        <Badge tone="info">{text.pending}</Badge>
      </div>
      {proposal.reason ? (
        <p className="planner-proposal-reason">
          <span className="planner-proposal-term">{text.reason}: </span>
          {proposal.reason}
        </p>
      ) : null}
      <dl className="planner-proposal-facts">
        <div>
          <dt>{labels.jobDialog.schedule}</dt>
          <dd data-slot="planner-proposal-sentence">{schedule}</dd>
        </div>
        {!reminder && proposal.nextRuns.length > 0 ? (
          <div>
            <dt>{text.nextRuns}</dt>
            <dd>
              <ol className="planner-proposal-runs">
                {proposal.nextRuns.map((at) => (
                  <li key={at}>
                    <time dateTime={at} title={format.fullDateTime(at)}>
                      {format.calendar(at)}
                    </time>
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{text.actsFor}</dt>
          <dd className="planner-proposal-user">
            <UserIcon aria-hidden="true" />
            {proposal.userId}
          </dd>
        </div>
      </dl>
      {proposal.renderedPrompt !== null ? (
        <figure className="planner-proposal-prompt">
          <figcaption className="planner-proposal-term">{text.prompt}</figcaption>
          <blockquote>{proposal.renderedPrompt}</blockquote>
        </figure>
      ) : (
        <ActionLabel action={job.action} />
      )}
      <div className="planner-proposal-actions" role="group" aria-label={text.actionsLabel(job.name)}>
        <Button size="sm" onClick={actions.approve} disabled={busy}>
          <CheckIcon aria-hidden="true" />
          {actions.approving ? text.approving : text.approve}
        </Button>
        {onEdit ? (
          <Button size="sm" variant="outline" onClick={() => onEdit(proposal)} disabled={busy}>
            <PencilIcon aria-hidden="true" />
            {text.edit}
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={actions.reject} disabled={busy}>
          <XIcon aria-hidden="true" />
          {actions.rejecting ? text.rejecting : text.reject}
        </Button>
      </div>
    </article>
  );
});
