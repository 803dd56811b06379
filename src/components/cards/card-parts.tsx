"use client";

import { CircleAlertIcon, RefreshCwIcon, MessageSquareIcon, WorkflowIcon } from "lucide-react";
import type { ReactNode } from "react";
import type { Action } from "../../shared/schemas";
import { useLabels } from "../../client/settings";
import { StatusBadge, type ItemStatus } from "../status-badge";
import { TruncatedText } from "../ui/tooltip";

/** Name, two lines of description, the status pill and the menu: the top of a job or trigger card. `select`: its selection checkbox. */
export function CardHead({ icon, name, titleId, description, status, menu, select }: { icon: ReactNode; name: string; titleId: string; description?: string | undefined; status: ItemStatus; menu: ReactNode; select?: ReactNode }) {
  return (
    <div className="planner-item-head">
      {select}
      <span className="planner-item-icon" aria-hidden="true">
        {icon}
      </span>
      <div className="planner-item-titles">
        <h3 id={titleId} className="planner-item-title">
          <TruncatedText>{name}</TruncatedText>
        </h3>
        {description ? <p className="planner-item-description">{description}</p> : null}
      </div>
      <StatusBadge status={status} />
      {menu}
    </div>
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
      {action.type === "chat" ? <MessageSquareIcon aria-hidden="true" /> : <WorkflowIcon aria-hidden="true" />}
      {action.type === "chat" ? labels.chatAction : labels.workflowAction}
    </span>
  );
}
