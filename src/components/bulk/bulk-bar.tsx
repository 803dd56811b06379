"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PauseIcon, PlayIcon, Trash2Icon, XIcon, ZapIcon } from "lucide-react";
import { useState } from "react";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import type { BulkAction } from "../../shared/schemas";
import { useAnnounce } from "../cards/announcer";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "../ui/alert-dialog";
import { Button } from "../ui/button";
import { BulkReport, type BulkReportState } from "./bulk-report";
import { useBulkSelection, type BulkEntry } from "./selection";

/** "3 scheduled jobs, 2 event triggers" (a kind with none left out). */
function kindsText(labels: ReturnType<typeof useLabels>["bulk"], entries: readonly BulkEntry[]): string[] {
  const jobs = entries.filter((entry) => entry.kind === "job").length;
  const triggers = entries.length - jobs;
  return [...(jobs ? [labels.jobs(jobs)] : []), ...(triggers ? [labels.triggers(triggers)] : [])];
}

/**
 * The selection bar: how many items are selected and of which kind, Pause, Resume, Run now, Delete (asks once,
 * naming how many and what is lost) and Clear selection; then a report of what each item came to. Shown while
 * something is selected or a report is open.
 */
export function BulkBar() {
  const selection = useBulkSelection();
  const all = useLabels();
  const labels = all.bulk;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);

  const act = useMutation(
    trpc.bulk.act.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.pathFilter()),
    }),
  );

  if (!selection) return null;
  const { selected, report, setReport } = selection;
  if (selected.length === 0 && !report) return null;

  const names = new Map([...selection.jobs.map((job) => [`job:${job.id}`, job.name] as const), ...selection.triggers.map((trigger) => [`trigger:${trigger.id}`, trigger.name] as const)]);
  const run = (action: BulkAction) => {
    const items = selected.map(({ kind, id }) => ({ kind, id }));
    const known = new Map(selected.map((entry) => [`${entry.kind}:${entry.id}`, entry.name]));
    setReport(null);
    act.mutate(
      { agentId: selection.agentId, action, items },
      {
        onSuccess: (result) => {
          const failed = result.results.filter((item) => !item.ok);
          const state: BulkReportState = {
            action,
            total: result.results.length,
            succeeded: result.succeeded,
            failures: failed.map((item) => ({ key: `${item.kind}:${item.id}`, name: known.get(`${item.kind}:${item.id}`) ?? names.get(`${item.kind}:${item.id}`) ?? labels.unknownItem, message: item.ok ? "" : item.message })),
          };
          setReport(state);
          // The failed items stay selected to try again; the others are done.
          selection.replace(failed.map(({ kind, id }) => ({ kind, id })));
        },
        onError: (error) => {
          setReport({ action, total: items.length, succeeded: 0, failures: [], error: labels.requestFailed(error.message) });
          announce(labels.requestFailed(error.message), "assertive");
        },
      },
    );
  };

  const kinds = kindsText(labels, selected);
  const busy = act.isPending;
  const anyEnabled = selected.some((entry) => entry.enabled);
  const anyPaused = selected.some((entry) => !entry.enabled);

  return (
    <div data-slot="planner-bulk" className="planner-bulk">
      {selected.length > 0 ? (
        <div role="toolbar" aria-label={labels.barLabel} data-slot="planner-bulk-bar" className="planner-bulk-bar" aria-busy={busy || undefined}>
          <p className="planner-bulk-count" aria-live="polite">
            <strong>{labels.selected(selected.length)}</strong>
            {kinds.length ? <span className="planner-bulk-kinds"> · {kinds.join(", ")}</span> : null}
          </p>
          <div className="planner-bulk-actions">
            <Button size="sm" variant="outline" disabled={busy || !anyEnabled} onClick={() => run("pause")}>
              <PauseIcon aria-hidden="true" />
              {labels.pause}
            </Button>
            <Button size="sm" variant="outline" disabled={busy || !anyPaused} onClick={() => run("resume")}>
              <PlayIcon aria-hidden="true" />
              {labels.resume}
            </Button>
            <Button size="sm" variant="outline" disabled={busy} onClick={() => run("runNow")}>
              <ZapIcon aria-hidden="true" />
              {labels.runNow}
            </Button>
            <Button size="sm" variant="destructive" disabled={busy} onClick={() => setConfirming(true)}>
              <Trash2Icon aria-hidden="true" />
              {labels.delete}
            </Button>
            <Button size="sm" variant="ghost" onClick={selection.clear} disabled={busy}>
              <XIcon aria-hidden="true" />
              {labels.clear}
            </Button>
          </div>
          {busy ? (
            <span className="planner-bulk-working" role="status">
              {labels.working}
            </span>
          ) : null}
        </div>
      ) : null}
      {report ? <BulkReport report={report} onDismiss={() => setReport(null)} /> : null}
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{labels.deleteTitle(selected.length)}</AlertDialogTitle>
            <AlertDialogDescription>
              {selected.length === 1 && selected[0]
                ? labels.deleteDescriptionOne(selected[0].name)
                : labels.deleteDescription(kinds.length === 2 ? labels.and(kinds[0]!, kinds[1]!) : (kinds[0] ?? ""))}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{all.common.cancel}</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={() => run("delete")}>
              {labels.deleteConfirm(selected.length)}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
