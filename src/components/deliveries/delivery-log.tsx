"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import type { DeliveryLogEntry } from "../../shared/schemas";
import { ErrorState } from "../cards/list-states";
import { Skeleton } from "../ui/skeleton";
import { VerdictChip } from "./verdict-chip";

export interface DeliveryLogProps {
  agentId: string;
  triggerId: string;
  className?: string | undefined;
}

/** JSON for display with bidi controls written as escapes, so a payload cannot reorder what is shown around them. */
export function visibleJson(value: unknown): string {
  return (JSON.stringify(value, null, 2) ?? "").replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A long value cut for a one-line cell; the full text stays in the payload disclosure. */
function cut(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function Detail({ entry }: { entry: DeliveryLogEntry }) {
  const labels = useLabels().deliveries;
  if (entry.verdict === "filtered" && entry.failed?.length) {
    return (
      <ul className="planner-delivery-failed">
        {entry.failed.slice(0, 3).map((failed) => (
          <li key={failed.index}>
            <bdi>{cut(labels.failedCondition(failed.index, failed.text))}</bdi>
          </li>
        ))}
      </ul>
    );
  }
  if (entry.verdict === "fired") return <span>{labels.startedRun}</span>;
  if (entry.verdict === "duplicate") return <span>{labels.repeatOf}</span>;
  if (entry.verdict === "paused") return <span>{labels.pausedDetail}</span>;
  return <bdi>{cut(entry.reason ?? "")}</bdi>;
}

/**
 * A trigger's delivery log: the last deliveries it received, newest first, each with when, its verdict chip (fired,
 * filtered, duplicate, paused, invalid), the condition that kept it out, and its payload as kept.
 *
 * @example
 * <DeliveryLog agentId={agent.id} triggerId={trigger.id} />
 */
export function DeliveryLog({ agentId, triggerId, className }: DeliveryLogProps) {
  const labels = useLabels().deliveries;
  const format = useFormat();
  const trpc = usePlanner();
  const log = useQuery(trpc.triggers.deliveries.queryOptions({ agentId, triggerId }, { refetchInterval: 15_000 }));
  return (
    <section className={["planner-delivery-log", className].filter(Boolean).join(" ")} aria-labelledby={`planner-delivery-log-${triggerId}`} data-slot="planner-delivery-log">
      <h3 id={`planner-delivery-log-${triggerId}`} className="planner-delivery-log-title">
        {labels.logHeading}
      </h3>
      {log.isPending ? (
        <div className="planner-delivery-log-loading" aria-busy="true">
          <Skeleton className="planner-delivery-skeleton" />
          <Skeleton className="planner-delivery-skeleton" />
        </div>
      ) : log.isError ? (
        <ErrorState message={labels.logError} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <p className="planner-trigger-muted">{labels.logEmpty}</p>
      ) : (
        <>
          <p className="planner-trigger-muted">{labels.logHint(log.data.keeps)}</p>
          <div className="planner-delivery-table-wrap">
            <table className="planner-delivery-table">
              <thead>
                <tr>
                  <th scope="col">{labels.received}</th>
                  <th scope="col">{labels.verdict}</th>
                  <th scope="col">{labels.detail}</th>
                  <th scope="col">{labels.deliveryId}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry, index) => (
                  <tr key={`${entry.deliveryId}-${entry.receivedAt}-${index}`} data-verdict={entry.verdict}>
                    <td title={format.fullDateTime(entry.receivedAt)}>{format.dateTime(entry.receivedAt)}</td>
                    <td>
                      <VerdictChip verdict={entry.verdict} />
                    </td>
                    <td className="planner-delivery-detail">
                      <Detail entry={entry} />
                      {entry.payloadNote ? <p className="planner-delivery-note">{entry.payloadNote === "omitted" ? labels.payloadOmitted : labels.payloadTruncated}</p> : null}
                      {entry.payload ? (
                        <details className="planner-delivery-payload">
                          <summary>{labels.showPayload}</summary>
                          <pre className="planner-mono">{visibleJson(entry.payload)}</pre>
                        </details>
                      ) : null}
                    </td>
                    <td className="planner-mono planner-delivery-id">
                      <bdi title={entry.deliveryId}>{cut(entry.deliveryId, 40)}</bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
