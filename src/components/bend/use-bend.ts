"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "../cards/announcer";

/** Skip, move, undo and snooze for one job; each refreshes its next runs and the job list, and announces the result. */
export function useBend(agentId: string, jobId: string) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const labels = useLabels().bend;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.jobs.nextRuns.queryFilter({ agentId, jobId })),
      queryClient.invalidateQueries(trpc.jobs.list.queryFilter({ agentId })),
    ]);
  const options = { onSettled: refresh };
  const skip = useMutation(trpc.jobs.skipOccurrence.mutationOptions(options));
  const move = useMutation(trpc.jobs.moveOccurrence.mutationOptions(options));
  const clear = useMutation(trpc.jobs.clearOverride.mutationOptions(options));
  const snooze = useMutation(trpc.jobs.snooze.mutationOptions(options));
  return { skip, move, clear, snooze, announce, labels, ref: { agentId, jobId } };
}
