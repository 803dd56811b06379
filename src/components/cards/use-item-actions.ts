"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useLabels } from "../../client/settings";
import { usePlanner, usePlannerClient } from "../../client/trpc";
import { useAnnounce } from "./announcer";
import type { JobItem, TriggerItem } from "./types";

type Item = { kind: "job"; item: JobItem } | { kind: "trigger"; item: TriggerItem };

export interface ItemActions {
  pause: () => void;
  resume: () => void;
  /** Run now (a job) or Send test event (a trigger). */
  run: () => void;
  remove: () => void;
  /** A run-now / test request is in flight. */
  running: boolean;
  /** The run the user started from this card, until its result was announced. */
  pendingRunId: string | null;
  clearPendingRun: () => void;
}

function messageOf(error: unknown): string {
  return typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string" ? (error as { message: string }).message : String(error);
}

/**
 * Pause, resume, run now (or send a test event) and delete for one card. Pause and resume are optimistic: the list
 * shows the new state at once and goes back if the server refuses. Results are announced in the nearest `Announcer`.
 *
 * Plain calls through the tRPC client, not one `useMutation` each: a card renders four actions it rarely uses, and at
 * a panel of hundreds of cards the observers, option objects and query keys built on every render of every card
 * were most of the panel's render time (tracker issue 23, "every card visible"). Query keys are built only when an
 * action runs.
 */
export function useItemActions(agentId: string, target: Item): ItemActions {
  const trpc = usePlanner();
  const client = usePlannerClient();
  const queryClient = useQueryClient();
  const labels = useLabels().cards;
  const announce = useAnnounce();
  const [running, setRunning] = useState(false);
  const [pendingRunId, setPendingRunId] = useState<string | null>(null);
  const clearPendingRun = useCallback(() => setPendingRunId(null), []);
  const act = () => {
    const { kind, item } = target;
    const listKey: QueryKey = kind === "job" ? trpc.jobs.list.queryKey({ agentId }) : trpc.triggers.list.queryKey({ agentId });
    const ref = kind === "job" ? { agentId, jobId: item.id } : { agentId, triggerId: item.id };
    const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: listKey }), queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId }))]);
    const fail = (error: unknown) => announce(labels.actionFailed(item.name, messageOf(error)), "assertive");
    type Row = { id: string; enabled: boolean; status: string };
    const setRows = (map: (rows: Row[]) => Row[]) => queryClient.setQueryData<Row[]>(listKey, (rows) => (rows ? map(rows) : rows));
    const setEnabled = async (enabled: boolean) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const previous = queryClient.getQueryData<Row[]>(listKey);
      setRows((rows) => rows.map((row) => (row.id === item.id ? { ...row, enabled, status: enabled ? "active" : "paused" } : row)));
      return previous;
    };
    const toggle = async (enabled: boolean) => {
      const previous = await setEnabled(enabled);
      try {
        if (kind === "job") await (enabled ? client.jobs.resume.mutate(ref as { agentId: string; jobId: string }) : client.jobs.pause.mutate(ref as { agentId: string; jobId: string }));
        else await (enabled ? client.triggers.resume.mutate(ref as { agentId: string; triggerId: string }) : client.triggers.pause.mutate(ref as { agentId: string; triggerId: string }));
        announce(enabled ? labels.resumed(item.name) : labels.pausedAnnouncement(item.name));
      } catch (error) {
        if (previous) queryClient.setQueryData(listKey, previous);
        fail(error);
      } finally {
        void refresh();
      }
    };
    return {
      pause: () => void toggle(false),
      resume: () => void toggle(true),
      run: async () => {
        setRunning(true);
        try {
          const { runId } =
            kind === "job" ? await client.jobs.runNow.mutate(ref as { agentId: string; jobId: string }) : await client.triggers.test.mutate(ref as { agentId: string; triggerId: string });
          setPendingRunId(runId);
          announce(kind === "job" ? labels.runStarted(item.name) : labels.testSent(item.name));
        } catch (error) {
          fail(error);
        } finally {
          setRunning(false);
        }
      },
      remove: async () => {
        try {
          if (kind === "job") await client.jobs.delete.mutate(ref as { agentId: string; jobId: string });
          else await client.triggers.delete.mutate(ref as { agentId: string; triggerId: string });
          setRows((rows) => rows.filter((row) => row.id !== item.id));
          announce(labels.deleted(item.name));
        } catch (error) {
          fail(error);
        } finally {
          void refresh();
        }
      },
    };
  };

  return {
    pause: () => act().pause(),
    resume: () => act().resume(),
    run: () => void act().run(),
    remove: () => void act().remove(),
    running,
    pendingRunId,
    clearPendingRun,
  };
}
