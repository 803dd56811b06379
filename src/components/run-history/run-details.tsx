"use client";

import { ExternalLinkIcon } from "lucide-react";
import { useFormat, useLabels } from "../../client/settings";
import type { HistoryRun } from "./types";

/** The expanded run: what was sent (message or input), the error, attempts, warnings, and a link to the result. */
export function RunDetails({ run }: { run: HistoryRun }) {
  const labels = useLabels().runHistory;
  const format = useFormat();
  const link = run.result?.url;
  return (
    <div data-slot="planner-run-details" className="planner-run-details">
      {run.error ? (
        <section>
          <h4>{labels.error}</h4>
          <pre className="planner-run-pre" data-tone="danger">
            {run.error}
          </pre>
        </section>
      ) : null}
      {run.renderedMessage !== undefined ? (
        <section>
          <h4>{labels.renderedMessage}</h4>
          <pre className="planner-run-pre">{run.renderedMessage}</pre>
        </section>
      ) : run.input !== undefined ? (
        <section>
          <h4>{labels.input}</h4>
          <pre className="planner-run-pre">{JSON.stringify(run.input, null, 2)}</pre>
        </section>
      ) : null}
      <dl className="planner-run-facts">
        <div>
          <dt>{labels.attempts}</dt>
          <dd>{format.number(run.attempts)}</dd>
        </div>
        <div>
          <dt>{labels.kind}</dt>
          <dd>{labels.cause[run.cause]}</dd>
        </div>
        {run.scheduledFor ? (
          <div>
            <dt>{labels.scheduledFor}</dt>
            <dd>{format.dateTime(run.scheduledFor)}</dd>
          </div>
        ) : null}
        {run.skipReason ? (
          <div>
            <dt>{labels.skipReason}</dt>
            <dd>{run.skipReason}</dd>
          </div>
        ) : null}
      </dl>
      {run.warnings?.length ? (
        <section>
          <h4>{labels.warnings}</h4>
          <ul className="planner-run-warnings">
            {run.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {link ? (
        <a href={link} className="planner-button" data-variant="outline" data-size="sm" target="_blank" rel="noreferrer">
          <ExternalLinkIcon aria-hidden="true" />
          {run.result?.workflowRunId ? labels.openWorkflowRun : labels.openChat}
        </a>
      ) : null}
    </div>
  );
}
