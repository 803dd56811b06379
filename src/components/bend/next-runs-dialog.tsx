"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useFormat, useLabels, useViewer } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { Button } from "../ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "../ui/dialog";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { Skeleton } from "../ui/skeleton";
import { NextRunRow } from "./next-run-row";
import { useBend } from "./use-bend";
import { fromWallInput, toWallInput } from "./wall-time";

export interface NextRunsDialogProps {
  agentId: string;
  job: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** A job's next five runs, each with Skip / Move / Undo, and "Snooze until" for the job. */
export function NextRunsDialog({ agentId, job, open, onOpenChange }: NextRunsDialogProps) {
  const trpc = usePlanner();
  const bend = useBend(agentId, job.id);
  const { labels } = bend;
  const retry = useLabels().common.retry;
  const runs = useQuery(trpc.jobs.nextRuns.queryOptions({ agentId, jobId: job.id, count: 5 }, { enabled: open }));
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="md" data-slot="planner-next-runs">
        <DialogHeader>
          <DialogTitle>{labels.nextRunsTitle(job.name)}</DialogTitle>
          <DialogDescription>{labels.nextRunsDescription}</DialogDescription>
        </DialogHeader>
        <DialogBody>
          {runs.isPending ? (
            <div aria-busy="true" aria-label={labels.loading}>
              <Skeleton className="planner-bend-skeleton" />
              <Skeleton className="planner-bend-skeleton" />
            </div>
          ) : runs.isError ? (
            <p role="alert" className="planner-field-error">
              {labels.loadFailed}{" "}
              <Button variant="link" size="sm" onClick={() => void runs.refetch()}>
                {retry}
              </Button>
            </p>
          ) : runs.data.runs.length === 0 ? (
            <p>{labels.noRuns}</p>
          ) : (
            <ul className="planner-bend-runs" aria-label={labels.nextRunsListLabel}>
              {runs.data.runs.map((run) => (
                <NextRunRow key={run.at} run={run} bend={bend} />
              ))}
            </ul>
          )}
          {runs.data ? <SnoozeSection bend={bend} snooze={runs.data.snooze} /> : null}
        </DialogBody>
      </DialogContent>
    </Dialog>
  );
}

function SnoozeSection({ bend, snooze }: { bend: ReturnType<typeof useBend>; snooze: { until: string; by: string; byName?: string | undefined } | null }) {
  const format = useFormat();
  const { timeZone, now } = useViewer();
  const { labels } = bend;
  const [value, setValue] = useState(() => toWallInput(new Date(now().getTime() + 24 * 3_600_000).toISOString(), timeZone));
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const until = fromWallInput(value, timeZone);
    if (!until) return setError(labels.invalidDate);
    bend.snooze.mutate(
      { ...bend.ref, until },
      { onSuccess: () => (setError(null), bend.announce(labels.snoozedAnnouncement(format.dateTime(until)))), onError: (e) => setError(e.message) },
    );
  };
  if (snooze) {
    return (
      <div className="planner-bend-snooze" data-snoozed="">
        <p data-tone="warning" className="planner-bend-snoozed">
          {labels.snoozedUntil(format.dateTime(snooze.until), snooze.byName ?? snooze.by)}
        </p>
        <Button
          variant="outline"
          size="sm"
          disabled={bend.snooze.isPending}
          onClick={() => bend.snooze.mutate({ ...bend.ref, until: null }, { onSuccess: () => bend.announce(labels.snoozeEndedAnnouncement) })}
        >
          {labels.endSnooze}
        </Button>
      </div>
    );
  }
  return (
    <form className="planner-bend-snooze" onSubmit={submit}>
      <Field label={labels.snoozeLabel} hint={labels.snoozeHint} error={error ?? undefined}>
        <Input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Button type="submit" variant="outline" size="sm" disabled={bend.snooze.isPending}>
        {labels.snoozeConfirm}
      </Button>
    </form>
  );
}
