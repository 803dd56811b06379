"use client";

import { ChevronRightIcon, InfoIcon } from "lucide-react";
import { formatDateTime, formatScheduleSentence, sameTimeZone } from "../../client/format";
import { useFormat, useLabels } from "../../client/settings";
import { Collapsible, CollapsibleContent, CollapsibleTrigger } from "../ui";
import type { ScheduleValue, useSchedulePreview } from "./use-schedule-preview";
import { JitterWindow } from "./time-window";

export interface ScheduleSummaryProps {
  value: ScheduleValue;
  preview: ReturnType<typeof useSchedulePreview>;
}

const RUN_FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" };

/** The schedule sentence reads "Weekdays at 9:00 AM": inside the summary it continues, so it starts in lower case. */
function continueSentence(sentence: string, locale: string | undefined): string {
  return sentence.charAt(0).toLocaleLowerCase(locale) + sentence.slice(1);
}

/**
 * "This job will run weekdays at 9:00 AM (Europe/Paris)" — the job card's sentence (`formatScheduleSentence`, the
 * server's description for the rest), the expression, the next runs and DST notes; every time in the viewer's locale.
 */
export function ScheduleSummary({ value, preview }: ScheduleSummaryProps) {
  const allLabels = useLabels();
  const labels = allLabels.cronPicker;
  const format = useFormat();
  const data = preview.data;
  const zone = data?.timezone ?? value.timezone;
  const inJobZone = (at: string) => formatDateTime(at, { locale: format.locale, timeZone: zone }, RUN_FORMAT);
  const inViewerZone = (at: string) => formatDateTime(at, { locale: format.locale, timeZone: format.timeZone }, RUN_FORMAT);
  const showViewer = !sameTimeZone(zone, format.timeZone);
  const next = data?.nextRuns[0];
  return (
    <section className="planner-schedule-summary" data-slot="planner-schedule-summary" data-state={data && !data.valid ? "invalid" : undefined} aria-busy={preview.isFetching || undefined}>
      {!data ? (
        <p className="planner-schedule-summary-muted">{labels.previewLoading}</p>
      ) : !data.valid ? (
        <div className="planner-schedule-summary-invalid">
          <p>{labels.invalid}</p>
          <ul>
            {[...data.errors, ...(data.timeErrors ?? [])].map((error) => (
              <li key={`${error.path}:${error.message}`}>{error.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p className="planner-schedule-sentence" aria-live="polite">
            {labels.summaryLead} <strong>{labels.summaryInZone(continueSentence(formatScheduleSentence(preview.answered, allLabels.cards, { locale: format.locale }, data.description), format.locale), zone)}</strong>
          </p>
          <dl className="planner-schedule-facts">
            <div>
              <dt>{labels.expression}</dt>
              <dd>
                <code className="planner-mono">{preview.answered.cron.trim()}</code>
              </dd>
            </div>
            <div>
              <dt>{labels.nextRun}</dt>
              <dd>{next ? format.inZone(next.at, zone, RUN_FORMAT) : labels.noNextRun}</dd>
            </div>
          </dl>
          {data.nextRuns.length > 0 ? (
            <Collapsible>
              <CollapsibleTrigger>
                <ChevronRightIcon aria-hidden="true" />
                {labels.showNextRuns(data.nextRuns.length)}
              </CollapsibleTrigger>
              <CollapsibleContent>
                <table className="planner-schedule-runs">
                  <thead>
                    <tr>
                      <th scope="col">{labels.inJobZone(zone)}</th>
                      {showViewer ? <th scope="col">{labels.inViewerZone(format.timeZone)}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {data.nextRuns.map((run) => (
                      <tr key={run.at}>
                        <td>
                          <time dateTime={run.at}>{inJobZone(run.at)}</time>
                          {run.windowEnd ? <JitterWindow run={run} zone={zone} /> : null}
                        </td>
                        {showViewer ? <td>{inViewerZone(run.at)}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </CollapsibleContent>
            </Collapsible>
          ) : null}
          {data.dstNotes.length > 0 ? (
            <ul className="planner-schedule-dst" aria-label={labels.dstTitle}>
              {data.dstNotes.map((note) => (
                <li key={note}>
                  <InfoIcon aria-hidden="true" />
                  <span>{note}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
