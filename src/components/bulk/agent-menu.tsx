"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MoreHorizontalIcon, PauseIcon, PlayIcon } from "lucide-react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "../cards/announcer";
import { Button } from "../ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "../ui/dropdown-menu";
import type { BulkItemResultView } from "./types";
import { useBulkSelection } from "./selection";

/**
 * "More actions" for the whole agent: Pause all (remembers what it paused) and Resume all (resumes exactly that;
 * offered while something is paused by Pause all). The report shows under the selection bar.
 */
export function BulkAgentMenu() {
  const selection = useBulkSelection();
  const labels = useLabels().bulk;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const options = {
    onSettled: () => queryClient.invalidateQueries(trpc.pathFilter()),
    onError: (error: { message: string }) => announce(labels.requestFailed(error.message), "assertive"),
  };
  const pauseAll = useMutation(trpc.bulk.pauseAll.mutationOptions(options));
  const resumeAll = useMutation(trpc.bulk.resumeAll.mutationOptions(options));
  if (!selection) return null;
  const items = [...selection.jobs, ...selection.triggers];
  const anyEnabled = items.some((item) => item.enabled);
  const anyPausedByAll = items.some((item) => !item.enabled && item.state.pausedBy === "pause-all");
  const names = new Map(items.map((item) => [item.id, item.name]));
  const failuresOf = (results: BulkItemResultView[]) =>
    results.flatMap((item) => (item.ok ? [] : [{ key: `${item.kind}:${item.id}`, name: names.get(item.id) ?? labels.unknownItem, message: item.message }]));

  const run = (which: "pauseAll" | "resumeAll") => {
    const mutation = which === "pauseAll" ? pauseAll : resumeAll;
    selection.setReport(null);
    mutation.mutate(
      { agentId: selection.agentId },
      {
        onSuccess: (result) =>
          selection.setReport({ action: which, total: result.results.length, succeeded: result.succeeded, unchanged: result.unchanged, failures: failuresOf(result.results) }),
      },
    );
  };
  const busy = pauseAll.isPending || resumeAll.isPending;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={labels.moreActions} data-slot="planner-agent-menu" disabled={busy}>
          <MoreHorizontalIcon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem onSelect={() => run("pauseAll")} disabled={!anyEnabled}>
          <PauseIcon aria-hidden="true" />
          {labels.pauseAll}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => run("resumeAll")} disabled={!anyPausedByAll}>
          <PlayIcon aria-hidden="true" />
          {labels.resumeAll}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
