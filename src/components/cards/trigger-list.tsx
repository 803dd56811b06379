"use client";

import { useQuery } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { PlusIcon, ZapIcon } from "lucide-react";
import { memo } from "react";
import { useLiveStatus } from "../../client/live";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { SelectAllCheckbox } from "../bulk/select-checkbox";
import { Button } from "../ui/button";
import { IconSprite } from "../ui/icon-sprite";
import { Announcer } from "./announcer";
import { useRunStrips } from "./use-run-strips";
import { ToolkitsProvider } from "./toolkit-logo";
import { CARDS_PER_PAGE, CardSkeletons, EmptyState, ErrorState, ListPager, ListSection, usePage } from "./list-states";
import { TriggerCard } from "./trigger-card";
import type { TriggerItem } from "./types";

export interface TriggerListProps {
  agentId: string;
  /** "Add trigger": the header button and the empty state's call to action. */
  onAdd?: (() => void) | undefined;
  /** "Edit" on a card (and "Reconnect" for a broken one). */
  onEdit?: ((trigger: TriggerItem) => void) | undefined;
  className?: string | undefined;
  /** Cards shown at once; more get a pager ("Showing 1–100 of 500", Previous, Next). Default 100. */
  pageSize?: number | undefined;
}

/** Without Composio the router answers PRECONDITION_FAILED: that is a setup fact, not an error to retry. */
function isNotConfigured(error: unknown): boolean {
  return isTRPCClientError(error) && (error.data as { code?: string | undefined } | undefined)?.code === "PRECONDITION_FAILED";
}

const NONE: readonly never[] = [];

/**
 * The agent's event triggers as a list in a bordered section, kept fresh by the live stream; a skeleton while
 * loading, an empty state that explains triggers, an error with retry.
 */
export const TriggerList = memo(function TriggerList({ agentId, onAdd, onEdit, className, pageSize = CARDS_PER_PAGE }: TriggerListProps) {
  const trpc = usePlanner();
  const labels = useLabels();
  const live = useLiveStatus(agentId);
  const runsOf = useRunStrips(agentId);
  const triggers = useQuery(trpc.triggers.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  const page = usePage(triggers.data ?? NONE, pageSize);
  const add = onAdd ? (
    <Button size="sm" variant="outline" onClick={onAdd}>
      <PlusIcon aria-hidden="true" />
      {labels.cards.addTrigger}
    </Button>
  ) : null;
  return (
    <ToolkitsProvider enabled={Boolean(triggers.data?.length)}>
      <Announcer>
        <ListSection
          slot="planner-trigger-list"
          icon={<ZapIcon />}
          title={labels.cards.triggersTitle}
          description={labels.cards.triggersDescription}
          count={triggers.data?.length}
          action={triggers.data?.length ? add : null}
          className={className}
        >
          {triggers.isPending ? (
            <CardSkeletons count={2} label={labels.cards.loadingTriggers} />
          ) : triggers.isError ? (
            isNotConfigured(triggers.error) ? (
              <p className="planner-empty-text planner-section-note">{labels.cards.triggersUnavailable}</p>
            ) : (
              <ErrorState message={triggers.error.message} onRetry={() => void triggers.refetch()} />
            )
          ) : triggers.data.length === 0 ? (
            <EmptyState icon={<ZapIcon />} title={labels.cards.triggersEmptyTitle} text={labels.cards.triggersEmptyText} actionLabel={labels.cards.addTrigger} onAction={onAdd} />
          ) : (
            <IconSprite>
              <SelectAllCheckbox kind="trigger" />
              <ul className="planner-card-list" aria-label={labels.cards.triggersListLabel}>
                {page.items.map((trigger) => (
                  <li key={trigger.id}>
                    <TriggerCard agentId={agentId} trigger={trigger} onEdit={onEdit} recentRuns={runsOf("trigger", trigger.id)} />
                  </li>
                ))}
              </ul>
              <ListPager label={labels.cards.triggersListLabel} page={page.page} pages={page.pages} pageSize={page.size} total={triggers.data.length} onPage={page.setPage} />
            </IconSprite>
          )}
        </ListSection>
      </Announcer>
    </ToolkitsProvider>
  );
});
