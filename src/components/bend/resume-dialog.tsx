"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { MissedOnResume } from "../../shared/schemas";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner, usePlannerClient } from "../../client/trpc";
import { useAnnounce } from "../cards/announcer";
import { Button } from "../ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "../ui/dialog";

interface Missed {
  count: number;
  beyond: boolean;
  since: string | null;
}

/**
 * "Resume" that asks first when the paused job missed runs: Run once now, or Skip them (how many and since when
 * shown). With nothing missed it resumes at once through `resumePlain` (the card's optimistic resume).
 */
export function useResumeWithChoice(agentId: string, job: { id: string; name: string }, resumePlain: () => void): { resume: () => void; dialog: ReactNode } {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const labels = useLabels();
  const [missed, setMissed] = useState<Missed | null>(null);
  const ref = { agentId, jobId: job.id };

  const resume = () => {
    void queryClient
      .fetchQuery({ ...trpc.jobs.missedRuns.queryOptions(ref), staleTime: 0 })
      .then((found) => (found.count > 0 ? setMissed(found) : resumePlain()))
      .catch((error: { message: string }) => announce(labels.cards.actionFailed(job.name, error.message), "assertive"));
  };
  // A plain client call, not a `useMutation`: every job card has this hook, and a panel of hundreds of cards should not
  // build an observer per card for a dialog it rarely shows.
  const client = usePlannerClient();
  const [pending, setPending] = useState(false);
  const choose = async (choice: "runOnce" | "skip") => {
    setPending(true);
    try {
      await client.jobs.resume.mutate({ ...ref, missed: choice });
      setMissed(null);
      announce(choice === "runOnce" ? labels.bend.resumedRunOnce(job.name) : labels.bend.resumedSkipped(job.name));
    } catch (error) {
      announce(labels.cards.actionFailed(job.name, typeof (error as { message?: unknown })?.message === "string" ? (error as { message: string }).message : String(error)), "assertive");
    } finally {
      setPending(false);
      void Promise.all([queryClient.invalidateQueries(trpc.jobs.list.queryFilter({ agentId })), queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId }))]);
    }
  };
  const dialog = missed ? (
    <ResumeDialog name={job.name} missed={missed} pending={pending} onChoose={(choice) => void choose(choice)} onCancel={() => setMissed(null)} />
  ) : null;
  return { resume, dialog };
}

interface ResumeDialogProps {
  name: string;
  missed: Missed;
  pending: boolean;
  onChoose: (choice: MissedOnResume) => void;
  onCancel: () => void;
}

function ResumeDialog({ name, missed, pending, onChoose, onCancel }: ResumeDialogProps) {
  const labels = useLabels().bend;
  const format = useFormat();
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onCancel())}>
      <DialogContent size="sm" data-slot="planner-resume-dialog">
        <DialogHeader>
          <DialogTitle>{labels.resumeTitle(name)}</DialogTitle>
          <DialogDescription>{labels.resumeMissed(missed.count, missed.beyond, missed.since ? format.dateTime(missed.since) : "")}</DialogDescription>
        </DialogHeader>
        <DialogBody>
          <p>{labels.resumeQuestion}</p>
          <ul className="planner-resume-choices">
            <li>
              <strong>{labels.resumeRunOnce}</strong>: {labels.resumeRunOnceHint}
            </li>
            <li>
              <strong>{labels.resumeSkip}</strong>: {labels.resumeSkipHint}
            </li>
          </ul>
        </DialogBody>
        <DialogFooter>
          <Button variant="ghost" onClick={onCancel}>
            {labels.resumeCancel}
          </Button>
          <Button variant="outline" disabled={pending} onClick={() => onChoose("skip")}>
            {labels.resumeSkip}
          </Button>
          <Button disabled={pending} onClick={() => onChoose("runOnce")}>
            {labels.resumeRunOnce}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
