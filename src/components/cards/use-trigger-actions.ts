"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "./announcer";
import type { TriggerItem } from "./types";

/**
 * Pause, resume, run now and delete for one trigger. Pause and resume are optimistic: the list shows the new
 * state at once and goes back if the server refuses. Results are announced in the nearest `Announcer`.
 */
export function useTriggerActions(agentId: string, trigger: TriggerItem) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const labels = useLabels().cards;
  const announce = useAnnounce();
  const listKey = trpc.triggers.list.queryKey({ agentId });
  const ref = { agentId, triggerId: trigger.id };
  const [pendingRunId, setPendingRunId] = useState<string | null>(null);

  const clearPendingRun = useCallback(() => setPendingRunId(null), []);

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries(trpc.triggers.list.queryFilter({ agentId })), queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId }))]);
  const fail = (error: { message: string }) => announce(labels.actionFailed(trigger.name, error.message), "assertive");

  const setEnabled = async (enabled: boolean) => {
    await queryClient.cancelQueries({ queryKey: listKey });
    const previous = queryClient.getQueryData(listKey);
    queryClient.setQueryData(listKey, (triggers) =>
      triggers?.map((item) => (item.id === trigger.id ? { ...item, enabled, status: enabled ? ("active" as const) : ("paused" as const) } : item)),
    );
    return { previous };
  };
  const rollback = (context: { previous: TriggerItem[] | undefined } | undefined) => {
    if (context?.previous) queryClient.setQueryData(listKey, context.previous);
  };

  const pause = useMutation(
    trpc.triggers.pause.mutationOptions({
      onMutate: () => setEnabled(false),
      onError: (error, _input, context) => (rollback(context), fail(error)),
      onSuccess: () => announce(labels.pausedAnnouncement(trigger.name)),
      onSettled: refresh,
    }),
  );
  const resume = useMutation(
    trpc.triggers.resume.mutationOptions({
      onMutate: () => setEnabled(true),
      onError: (error, _input, context) => (rollback(context), fail(error)),
      onSuccess: () => announce(labels.resumed(trigger.name)),
      onSettled: refresh,
    }),
  );
  const runNow = useMutation(
    trpc.triggers.test.mutationOptions({
      onSuccess: ({ runId }) => (setPendingRunId(runId), announce(labels.testSent(trigger.name))),
      onError: fail,
    }),
  );
  const remove = useMutation(
    trpc.triggers.delete.mutationOptions({
      onSuccess: () => {
        queryClient.setQueryData(listKey, (triggers) => triggers?.filter((item) => item.id !== trigger.id));
        announce(labels.deleted(trigger.name));
      },
      onError: fail,
      onSettled: refresh,
    }),
  );

  return {
    pause: () => pause.mutate(ref),
    resume: () => resume.mutate(ref),
    sendTest: () => runNow.mutate(ref),
    remove: () => remove.mutate(ref),
    running: runNow.isPending,
    pendingRunId,
    clearPendingRun,
  };
}
