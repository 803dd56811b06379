"use client";

import { useMutation } from "@tanstack/react-query";
import { FlaskConicalIcon } from "lucide-react";
import { useId } from "react";
import { useWatch, type Control } from "react-hook-form";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { DELIVERY_LOG_LIMIT, actionFormToAction, type Filters, type TriggerForm } from "../../shared/schemas";
import { Button } from "../ui/button";
import { Badge } from "../ui/badge";
import { visibleJson } from "./delivery-log";

export interface TryRecentEventsProps {
  agentId: string;
  /** The trigger being edited; a new trigger has no deliveries yet. */
  triggerId?: string | undefined;
  control: Control<TriggerForm>;
}

const TRY_TONES = { fire: "success", filtered: "warning", skipped: "neutral" } as const;

/** What the server needs from the form as it stands (the server validates it, as it would on save). */
function editedOf(form: TriggerForm) {
  let action;
  try {
    action = actionFormToAction(form.action);
  } catch {
    action = { type: "chat" as const, template: "" };
  }
  const conditions = form.filters?.conditions ?? [];
  const filters = conditions.length > 0 ? ({ match: form.filters.match ?? "all", conditions } as Filters) : undefined;
  return { action, name: form.name, ...(filters ? { filters } : {}) };
}

/**
 * "Try on recent events" in the trigger dialog: runs the filter and action being edited (unsaved) on the trigger's
 * last deliveries on the server, with the engine's own evaluation, and shows "Would fire 3 of the last 50; 47
 * filtered by condition 2" with each delivery's verdict and rendered message.
 */
export function TryRecentEvents({ agentId, triggerId, control }: TryRecentEventsProps) {
  const labels = useLabels().deliveries;
  const format = useFormat();
  const trpc = usePlanner();
  const id = useId();
  const form = useWatch({ control }) as TriggerForm;
  const tryFilter = useMutation(trpc.triggers.tryFilter.mutationOptions());
  const result = tryFilter.data;

  return (
    <section className="planner-trigger-section planner-try-recent" aria-labelledby={`${id}-try`} data-slot="planner-try-recent">
      <h3 id={`${id}-try`} className="planner-trigger-section-title">
        {labels.tryHeading}
      </h3>
      {!triggerId ? (
        <p className="planner-trigger-muted">{labels.tryNeedsSave}</p>
      ) : (
        <>
          <p className="planner-trigger-muted">{labels.tryHint(DELIVERY_LOG_LIMIT)}</p>
          <Button
            variant="outline"
            size="sm"
            className="planner-try-button"
            disabled={tryFilter.isPending}
            onClick={() => tryFilter.mutate({ agentId, triggerId, limit: DELIVERY_LOG_LIMIT, ...editedOf(form) })}
          >
            <FlaskConicalIcon aria-hidden="true" />
            {tryFilter.isPending ? labels.trying : result ? labels.tryAgain : labels.tryButton}
          </Button>
          <div role="status" aria-live="polite" className="planner-try-status">
            {tryFilter.isError ? (
              <p className="planner-try-error" data-tone="danger">
                {labels.tryError} {tryFilter.error.message}
              </p>
            ) : result ? (
              result.looked === 0 ? (
                <p className="planner-trigger-muted">{labels.tryNothing}</p>
              ) : (
                <div className="planner-try-summary">
                  <p className="planner-try-headline">
                    {[
                      labels.summary(result.wouldFire, result.tried),
                      ...result.filteredBy.map((c) => labels.filteredBy(c.count, c.index)),
                      ...(result.matchedNone > 0 ? [labels.matchedNone(result.matchedNone)] : []),
                      ...(result.skipped > 0 ? [labels.skipped(result.skipped)] : []),
                    ].join("; ")}
                  </p>
                  {result.filteredBy.length > 0 ? (
                    <ul className="planner-try-conditions">
                      {result.filteredBy.map((c) => (
                        <li key={c.index}>
                          <span className="planner-try-count">{c.count}</span> <bdi>{labels.failedCondition(c.index, c.text)}</bdi>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              )
            ) : null}
          </div>
          {result && result.items.length > 0 ? (
            <ol className="planner-try-items" aria-label={labels.tryHeading}>
              {result.items.map((item, index) => (
                <li key={`${item.deliveryId}-${index}`} className="planner-try-item" data-verdict={item.verdict}>
                  <div className="planner-try-item-head">
                    <Badge tone={TRY_TONES[item.verdict]} className="planner-verdict-chip">
                      {item.verdict === "fire" ? labels.wouldFire : item.verdict === "filtered" ? labels.wouldBeFiltered : labels.wouldSkip}
                    </Badge>
                    <time dateTime={item.receivedAt} title={format.fullDateTime(item.receivedAt)}>
                      {format.dateTime(item.receivedAt)}
                    </time>
                    <span className="planner-trigger-muted">{labels.wasVerdict(labels.verdicts[item.loggedVerdict])}</span>
                  </div>
                  {item.verdict === "filtered" && item.failed?.length ? (
                    <ul className="planner-delivery-failed">
                      {item.failed.slice(0, 3).map((f) => (
                        <li key={f.index}>
                          <bdi>{labels.failedCondition(f.index, f.text)}</bdi>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {item.skipReason ? <p className="planner-trigger-muted">{item.skipReason === "duplicate" ? labels.skipDuplicate : labels.skipNoPayload}</p> : null}
                  {item.message !== undefined ? (
                    <figure className="planner-try-output">
                      <figcaption>{labels.renderedMessage}</figcaption>
                      <blockquote className="planner-preview-message">
                        <bdi>{item.message}</bdi>
                      </blockquote>
                    </figure>
                  ) : null}
                  {item.input !== undefined ? (
                    <figure className="planner-try-output">
                      <figcaption>{labels.renderedInput}</figcaption>
                      <pre className="planner-mono planner-preview-json">{visibleJson(item.input)}</pre>
                    </figure>
                  ) : null}
                  {item.warnings.length > 0 ? <p className="planner-preview-missing">{item.warnings.join(" ")}</p> : null}
                  {item.payloadNote === "truncated" ? <p className="planner-delivery-note">{labels.shortenedPayload}</p> : null}
                </li>
              ))}
            </ol>
          ) : null}
        </>
      )}
    </section>
  );
}
