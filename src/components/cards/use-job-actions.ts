"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "./announcer";
import type { JobItem } from "./types";

/**
 * Pause, resume, run now and delete for one job. Pause and resume are optimistic: the list shows the new
 * state at once and goes back if the server refuses. Results are announced in the nearest `Announcer`.
 */
export function useJobActions(agentId: string, job: JobItem) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const labels = useLabels().cards;
  const announce = useAnnounce();
  const listKey = trpc.jobs.list.queryKey({ agentId });
  const ref = { agentId, jobId: job.id };
  const [pendingRunId, setPendingRunId] = useState<string | null>(null);

  const clearPendingRun = useCallback(() => setPendingRunId(null), []);

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries(trpc.jobs.list.queryFilter({ agentId })), queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId }))]);
  const fail = (error: { message: string }) => announce(labels.actionFailed(job.name, error.message), "assertive");

  const setEnabled = async (enabled: boolean) => {
    await queryClient.cancelQueries({ queryKey: listKey });
    const previous = queryClient.getQueryData(listKey);
    queryClient.setQueryData(listKey, (jobs) =>
      jobs?.map((item) => (item.id === job.id ? { ...item, enabled, status: enabled ? ("active" as const) : ("paused" as const) } : item)),
    );
    return { previous };
  };
  const rollback = (context: { previous: JobItem[] | undefined } | undefined) => {
    if (context?.previous) queryClient.setQueryData(listKey, context.previous);
  };

  const pause = useMutation(
    trpc.jobs.pause.mutationOptions({
      onMutate: () => setEnabled(false),
      onError: (error, _input, context) => (rollback(context), fail(error)),
      onSuccess: () => announce(labels.pausedAnnouncement(job.name)),
      onSettled: refresh,
    }),
  );
  const resume = useMutation(
    trpc.jobs.resume.mutationOptions({
      onMutate: () => setEnabled(true),
      onError: (error, _input, context) => (rollback(context), fail(error)),
      onSuccess: () => announce(labels.resumed(job.name)),
      onSettled: refresh,
    }),
  );
  const runNow = useMutation(
    trpc.jobs.runNow.mutationOptions({
      onSuccess: ({ runId }) => (setPendingRunId(runId), announce(labels.runStarted(job.name))),
      onError: fail,
    }),
  );
  const remove = useMutation(
    trpc.jobs.delete.mutationOptions({
      onSuccess: () => {
        queryClient.setQueryData(listKey, (jobs) => jobs?.filter((item) => item.id !== job.id));
        announce(labels.deleted(job.name));
      },
      onError: fail,
      onSettled: refresh,
    }),
  );

  return {
    pause: () => pause.mutate(ref),
    resume: () => resume.mutate(ref),
    runNow: () => runNow.mutate(ref),
    remove: () => remove.mutate(ref),
    running: runNow.isPending,
    pendingRunId,
    clearPendingRun,
  };
}
