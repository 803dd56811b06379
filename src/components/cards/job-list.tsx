"use client";

import { useQuery } from "@tanstack/react-query";
import { CalendarClockIcon, PlusIcon } from "lucide-react";
import { memo } from "react";
import { useLiveStatus } from "../../client/live";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { SelectAllCheckbox } from "../bulk/select-checkbox";
import { Button } from "../ui/button";
import { IconSprite } from "../ui/icon-sprite";
import { Announcer } from "./announcer";
import { JobCard } from "./job-card";
import { useRunStrips } from "./use-run-strips";
import { CARDS_PER_PAGE, CardSkeletons, EmptyState, ErrorState, ListPager, ListSection, usePage } from "./list-states";
import type { JobItem } from "./types";

export interface JobListProps {
  agentId: string;
  /** "Add job": the header button and the empty state's call to action. */
  onAdd?: (() => void) | undefined;
  /** "Edit" on a card. */
  onEdit?: ((job: JobItem) => void) | undefined;
  className?: string | undefined;
  /** Cards shown at once; more get a pager ("Showing 1–100 of 500", Previous, Next). Default 100. */
  pageSize?: number | undefined;
}

const NONE: readonly never[] = [];

/**
 * The agent's scheduled jobs as a card grid in a bordered section, kept fresh by the live stream; a
 * skeleton while loading, an empty state that explains jobs, an error with retry.
 *
 * @example
 * ```tsx
 * <JobList agentId={agent.id} onAdd={() => setCreating(true)} onEdit={setEditing} />
 * ```
 */
export const JobList = memo(function JobList({ agentId, onAdd, onEdit, className, pageSize = CARDS_PER_PAGE }: JobListProps) {
  const trpc = usePlanner();
  const labels = useLabels();
  const live = useLiveStatus(agentId);
  const runsOf = useRunStrips(agentId);
  const jobs = useQuery(trpc.jobs.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  const page = usePage(jobs.data ?? NONE, pageSize);
  const add = onAdd ? (
    <Button size="sm" variant="outline" onClick={onAdd}>
      <PlusIcon aria-hidden="true" />
      {labels.cards.addJob}
    </Button>
  ) : null;
  return (
    <Announcer>
      <ListSection
        slot="planner-job-list"
        icon={<CalendarClockIcon />}
        title={labels.cards.jobsTitle}
        description={labels.cards.jobsDescription}
        count={jobs.data?.length}
        action={jobs.data?.length ? add : null}
        className={className}
      >
        {jobs.isPending ? (
          <CardSkeletons count={2} label={labels.cards.loadingJobs} />
        ) : jobs.isError ? (
          <ErrorState message={jobs.error.message} onRetry={() => void jobs.refetch()} />
        ) : jobs.data.length === 0 ? (
          <EmptyState icon={<CalendarClockIcon />} title={labels.cards.jobsEmptyTitle} text={labels.cards.jobsEmptyText} actionLabel={labels.cards.addJob} onAction={onAdd} />
        ) : (
          <IconSprite>
            <SelectAllCheckbox kind="job" />
            <ul className="planner-card-grid" aria-label={labels.cards.jobsListLabel}>
              {page.items.map((job) => (
                <li key={job.id}>
                  <JobCard agentId={agentId} job={job} onEdit={onEdit} recentRuns={runsOf("job", job.id)} />
                </li>
              ))}
            </ul>
            <ListPager label={labels.cards.jobsListLabel} page={page.page} pages={page.pages} pageSize={page.size} total={jobs.data.length} onPage={page.setPage} />
          </IconSprite>
        )}
      </ListSection>
    </Announcer>
  );
});
