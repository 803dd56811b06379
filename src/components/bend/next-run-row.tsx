"use client";

import { ArrowRightIcon, MoreHorizontalIcon, SkipForwardIcon, Undo2Icon } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import { useFormat, useViewer } from "../../client/settings";
import type { PlannerRouter } from "../../client/trpc";
import { Button } from "../ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "../ui/dropdown-menu";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import type { useBend } from "./use-bend";
import { fromWallInput, toWallInput } from "./wall-time";

export type BentRunItem = inferRouterOutputs<PlannerRouter>["jobs"]["nextRuns"]["runs"][number];

/** One of the next runs: its time (struck through when it will not run), how it was bent, and its menu. */
export function NextRunRow({ run, bend }: { run: BentRunItem; bend: ReturnType<typeof useBend> }) {
  const format = useFormat();
  const { timeZone } = useViewer();
  const { labels } = bend;
  const [moving, setMoving] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const when = format.dateTime(run.at);
  const mark = run.mark;
  const fail = (e: { message: string }) => setError(e.message);

  const skip = () => bend.skip.mutate({ ...bend.ref, occurrence: run.at }, { onSuccess: () => bend.announce(labels.skippedAnnouncement(when)), onError: fail });
  const clear = () => bend.clear.mutate({ ...bend.ref, occurrence: run.at }, { onSuccess: () => bend.announce(labels.clearedAnnouncement(when)), onError: fail });
  const startMove = () => {
    setError(null);
    setValue(toWallInput(mark?.to ?? run.at, timeZone));
    setMoving(true);
  };
  const submitMove = (event: FormEvent) => {
    event.preventDefault();
    const to = fromWallInput(value, timeZone);
    if (!to) return setError(labels.invalidDate);
    bend.move.mutate(
      { ...bend.ref, occurrence: run.at, to },
      { onSuccess: () => (setMoving(false), setError(null), bend.announce(labels.movedAnnouncement(when, format.dateTime(to)))), onError: fail },
    );
  };

  const markText = !mark ? null : mark.kind === "skip" ? labels.skippedBy(mark.byName ?? mark.by) : mark.kind === "move" ? labels.movedTo(format.dateTime(mark.to ?? run.at)) : labels.snoozed;
  return (
    <li className="planner-bend-run" data-mark={mark?.kind}>
      <div className="planner-bend-run-line">
        <span className="planner-bend-when">{mark ? <s>{when}</s> : when}</span>
        {markText ? (
          <span className="planner-bend-mark" data-tone={mark?.kind === "move" ? "schedule" : "warning"}>
            {mark?.kind === "move" ? <ArrowRightIcon aria-hidden="true" /> : null}
            {markText}
          </span>
        ) : null}
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" className="planner-bend-menu" aria-label={labels.runOptions(when)}>
              <MoreHorizontalIcon aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            {mark?.kind === "skip" || mark?.kind === "move" ? (
              <DropdownMenuItem onSelect={clear}>
                <Undo2Icon aria-hidden="true" />
                {mark.kind === "skip" ? labels.undoSkip : labels.undoMove}
              </DropdownMenuItem>
            ) : null}
            {mark?.kind !== "skip" ? (
              <DropdownMenuItem onSelect={skip}>
                <SkipForwardIcon aria-hidden="true" />
                {labels.skipRun}
              </DropdownMenuItem>
            ) : null}
            <DropdownMenuItem onSelect={startMove}>
              <ArrowRightIcon aria-hidden="true" />
              {labels.moveRun}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {moving ? (
        <form className="planner-bend-move" onSubmit={submitMove}>
          <Field label={labels.moveLabel(when)} hint={labels.moveHint} error={error ?? undefined}>
            <Input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
          </Field>
          <div className="planner-bend-actions">
            <Button type="button" variant="outline" size="sm" onClick={() => (setMoving(false), setError(null))}>
              {labels.moveCancel}
            </Button>
            <Button type="submit" size="sm" disabled={bend.move.isPending}>
              {labels.moveConfirm}
            </Button>
          </div>
        </form>
      ) : error ? (
        <p className="planner-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
