"use client";

import { useQuery } from "@tanstack/react-query";
import { CirclePauseIcon, CirclePlayIcon, PencilIcon, PlusCircleIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import type { EditEntry } from "../../shared/schemas";
import { ErrorState } from "../cards/list-states";
import { RelativeTime } from "../relative-time";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Skeleton } from "../ui/skeleton";
import { changeText, fieldName, headline } from "./change-text";

export interface EditLogProps {
  agentId: string;
  owner: { kind: "job" | "trigger"; id: string };
  className?: string | undefined;
}

const PAGE = 20;
/** The most a job or trigger keeps (the server's page size limit too). */
const MOST = 100;

const ICONS = { created: PlusCircleIcon, updated: PencilIcon, paused: CirclePauseIcon, resumed: CirclePlayIcon, deleted: Trash2Icon } as const;
const TONES = { created: "success", updated: "info", paused: "warning", resumed: "success", deleted: "danger" } as const;

/**
 * A job's or trigger's edit log, newest first: who changed what and when, with the value before and after
 * ("Ada changed the schedule · from ‘Every Monday at 9:00 AM’ to ‘Weekdays at 9:00 AM’ · 2 hours ago").
 *
 * @example
 * ```tsx
 * <EditLog agentId={agent.id} owner={{ kind: "job", id: job.id }} />
 * ```
 */
export function EditLog({ agentId, owner, className }: EditLogProps) {
  const labels = useLabels();
  const l = labels.editLog;
  const trpc = usePlanner();
  const [limit, setLimit] = useState(PAGE);
  const query = useQuery(trpc.history.edits.queryOptions({ agentId, owner, limit }, { placeholderData: (previous) => previous }));
  return (
    <section data-slot="planner-edit-log" aria-label={l.title} className={cn("planner-edit-log", className)}>
      {query.isPending ? (
        <div role="status" aria-label={labels.common.loading} className="planner-edit-log-skeleton">
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} style={{ height: "2.5rem" }} />
          ))}
        </div>
      ) : query.error ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <p className="planner-empty-text">{l.empty}</p>
      ) : (
        <>
          <ol className="planner-edit-log-list">
            {query.data.items.map((entry, index) => (
              <EditLogEntry key={`${entry.at}-${index}`} entry={entry} />
            ))}
          </ol>
          {query.data.nextCursor && limit < MOST ? (
            <Button variant="outline" size="sm" className="planner-edit-log-more" disabled={query.isFetching} onClick={() => setLimit((current) => Math.min(MOST, current + PAGE))}>
              {l.showMore}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

function EditLogEntry({ entry }: { entry: EditEntry }) {
  const labels = useLabels();
  const { locale } = useFormat();
  const Icon = ICONS[entry.action];
  const showChanges = entry.action === "updated";
  return (
    <li className="planner-edit-log-entry" data-action={entry.action}>
      <span className="planner-edit-log-icon" data-tone={TONES[entry.action]} aria-hidden="true">
        <Icon />
      </span>
      <div className="planner-edit-log-body">
        <p className="planner-edit-log-headline">
          <span>{headline(entry, labels)}</span>
          <span aria-hidden="true"> · </span>
          <RelativeTime date={entry.at} className="planner-edit-log-time" />
        </p>
        {showChanges ? (
          <dl className="planner-edit-log-changes" aria-label={labels.editLog.changedFields}>
            {entry.changes.map((change) => (
              <div key={change.field} className="planner-edit-log-change">
                <dt>{fieldName(change.field, labels)}</dt>
                <dd>{changeText(change, labels, locale)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </li>
  );
}
