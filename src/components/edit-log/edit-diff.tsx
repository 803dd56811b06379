"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRightIcon } from "lucide-react";
import { useId } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { formatDateTime } from "../../client/format";
import { usePlanner } from "../../client/trpc";
import type { JobForm, JsonValue } from "../../shared/schemas";
import { renderTemplate } from "../../shared/template";
import { offeredVariables, useVariableCatalog } from "../template-editor/template-check";
import { sampleOf } from "../template-editor/variable-groups";
import { scheduleSentence } from "../cards/schedule-sentence";

export interface EditDiffProps {
  agentId: string;
  jobId: string;
  /** The job as saved (form values). */
  before: JobForm;
  /** The values about to be saved. */
  after: JobForm;
}

const RUNS = 5;
const RUN_FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" };

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether saving `after` over `before` changes when the job runs or what it sends (the dialog then reviews first). */
export function needsReview(before: JobForm, after: JobForm): boolean {
  if (!sameJson(before.schedule, after.schedule)) return true;
  if (after.action.type !== "chat") return false;
  return before.action.type !== "chat" || before.action.template !== after.action.template;
}

/** The message a run would send, on the same sample values as the template editor's preview. */
function useRenderedMessage(agentId: string, jobId: string, values: JobForm): { text: string | null; pending: boolean } {
  const catalog = useVariableCatalog({ kind: "job", agentId, jobId, name: values.name.trim() || undefined, schedule: values.schedule });
  if (values.action.type !== "chat") return { text: null, pending: false };
  if (!catalog.data) return { text: null, pending: catalog.isPending };
  const samples: Record<string, JsonValue> = {};
  for (const variable of offeredVariables(catalog.data, true)) {
    const sample = sampleOf(variable);
    if (sample !== undefined) samples[variable.name] = sample as JsonValue;
  }
  for (const row of values.variables) if (row.name.trim()) samples[row.name.trim()] = row.value;
  Object.assign(samples, { ...(values.name.trim() ? { jobName: values.name.trim() } : {}), timezone: values.schedule.timezone });
  return { text: renderTemplate(values.action.template, samples).text, pending: false };
}

/**
 * The job dialog's review step (before → after) for an edit that changes the schedule or the message: the next
 * runs under the saved and the new schedule (times that come or go are marked), and the message rendered from
 * each, with the same preview procedures as the form (`schedule.preview`, `catalog.variables`).
 */
export function EditDiff({ agentId, jobId, before, after }: EditDiffProps) {
  const labels = useLabels();
  const l = labels.editLog;
  const format = useFormat();
  const trpc = usePlanner();
  const titleId = useId();
  const scheduleChanged = !sameJson(before.schedule, after.schedule);
  const old = useQuery(trpc.schedule.preview.queryOptions({ cron: before.schedule.cron, timezone: before.schedule.timezone, count: RUNS }));
  const next = useQuery(trpc.schedule.preview.queryOptions({ cron: after.schedule.cron, timezone: after.schedule.timezone, count: RUNS }));
  const oldMessage = useRenderedMessage(agentId, jobId, before);
  const newMessage = useRenderedMessage(agentId, jobId, after);
  const messageChanged = oldMessage.text !== newMessage.text || before.action.type !== after.action.type;

  const oldTimes = new Set(old.data?.nextRuns.map((run) => run.at));
  const newTimes = new Set(next.data?.nextRuns.map((run) => run.at));
  const sentence = (schedule: JobForm["schedule"], description: string | undefined) =>
    scheduleSentence(schedule.cron, labels.cards, format.locale, description || schedule.cron);

  const runsColumn = (side: "before" | "after") => {
    const query = side === "before" ? old : next;
    const schedule = side === "before" ? before.schedule : after.schedule;
    const other = side === "before" ? newTimes : oldTimes;
    return (
      <div className="planner-edit-diff-side" data-side={side}>
        <h4 className="planner-edit-diff-side-title">{side === "before" ? l.before : l.after}</h4>
        <p className="planner-edit-diff-sentence">{labels.cards.scheduleInZone(sentence(schedule, query.data?.description), schedule.timezone)}</p>
        {query.isPending ? (
          <p className="planner-field-hint">{l.loading}</p>
        ) : !query.data?.nextRuns.length ? (
          <p className="planner-field-hint">{l.noRuns}</p>
        ) : (
          <ol className="planner-edit-diff-runs" aria-label={`${side === "before" ? l.before : l.after}: ${l.nextRuns(query.data.nextRuns.length)}`}>
            {query.data.nextRuns.map((run) => {
              const changed = scheduleChanged && !other.has(run.at);
              return (
                <li key={run.at} data-change={changed ? (side === "before" ? "removed" : "added") : undefined}>
                  {side === "before" && changed ? (
                    <del>
                      <time dateTime={run.at}>{formatDateTime(run.at, { locale: format.locale, timeZone: schedule.timezone }, RUN_FORMAT)}</time>
                    </del>
                  ) : (
                    <time dateTime={run.at}>{formatDateTime(run.at, { locale: format.locale, timeZone: schedule.timezone }, RUN_FORMAT)}</time>
                  )}
                  {changed ? <span className="planner-edit-diff-mark">{side === "before" ? l.runRemoved : l.runAdded}</span> : null}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    );
  };

  const messageColumn = (side: "before" | "after") => {
    const message = side === "before" ? oldMessage : newMessage;
    return (
      <div className="planner-edit-diff-side" data-side={side}>
        <h4 className="planner-edit-diff-side-title">{side === "before" ? l.before : l.after}</h4>
        {message.pending ? (
          <p className="planner-field-hint">{l.loading}</p>
        ) : message.text === null ? (
          <p className="planner-field-hint">{l.noMessage}</p>
        ) : (
          <div className="planner-edit-diff-message">{message.text.trim() ? message.text : <span className="planner-placeholder">{labels.templateEditor.previewEmpty}</span>}</div>
        )}
      </div>
    );
  };

  return (
    <section data-slot="planner-edit-diff" className="planner-edit-diff" aria-labelledby={titleId}>
      <header>
        <h3 id={titleId} className="planner-edit-diff-title">
          {l.reviewTitle}
        </h3>
        <p className="planner-field-hint">{l.reviewHint}</p>
      </header>
      {scheduleChanged ? (
        <section className="planner-edit-diff-part" aria-label={labels.jobDialog.schedule}>
          <h4 className="planner-label">{l.nextRuns(RUNS)}</h4>
          <div className="planner-edit-diff-columns">
            {runsColumn("before")}
            <ArrowRightIcon aria-hidden="true" className="planner-edit-diff-arrow" />
            {runsColumn("after")}
          </div>
        </section>
      ) : null}
      {messageChanged && (oldMessage.text !== null || newMessage.text !== null || oldMessage.pending || newMessage.pending) ? (
        <section className="planner-edit-diff-part" aria-label={l.message}>
          <h4 className="planner-label">{l.message}</h4>
          <div className="planner-edit-diff-columns">
            {messageColumn("before")}
            <ArrowRightIcon aria-hidden="true" className="planner-edit-diff-arrow" />
            {messageColumn("after")}
          </div>
          <p className="planner-field-hint">{l.messageNote}</p>
        </section>
      ) : null}
    </section>
  );
}
