"use client";

import { CheckCircle2Icon, ChevronRightIcon, FilterXIcon, InfoIcon } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { useLabels, useViewer } from "../../client/settings";
import type { JsonObject, TriggerForm } from "../../shared/schemas";
import { sampleEventData } from "../../shared/variables";
import { Button } from "../ui/button";
import { Collapsible, CollapsibleContent, CollapsibleTrigger } from "../ui/collapsible";
import { Field } from "../ui/field";
import { Textarea } from "../ui/input";
import { previewSampleEvent, quoteValue } from "./preview-result";

interface SamplePreviewProps {
  control: Control<TriggerForm>;
  /** The trigger type's payload JSON Schema; without it there is nothing to preview yet. */
  payloadSchema: unknown;
}

/** "Preview with a sample event": filters matched or not (and which condition failed), the message or input. */
export function SamplePreview({ control, payloadSchema }: SamplePreviewProps) {
  const labels = useLabels().triggerDialog;
  const operators = useLabels().filterBuilder.operators;
  const { now } = useViewer();
  const id = useId();
  const form = useWatch({ control }) as TriggerForm;
  const initial = useMemo(() => JSON.stringify(sampleEventData(payloadSchema), null, 2), [payloadSchema]);
  const [sample, setSample] = useState<{ basis: string; text: string }>({ basis: initial, text: initial });
  const text = sample.basis === initial ? sample.text : initial;
  let data: JsonObject | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) data = parsed as JsonObject;
  } catch {
    data = undefined;
  }
  const result = data && payloadSchema ? previewSampleEvent(form, data, { now: now(), agentName: labels.sampleAgentName }) : undefined;
  const failed = result?.filters.results.filter((r) => !r.matched) ?? [];
  const describe = (c: (typeof failed)[number]["condition"]) => `${c.path} ${operators[c.op]}${c.value === undefined ? "" : ` ${quoteValue(c.value)}`}`;

  return (
    <Collapsible className="planner-sample-preview" data-slot="planner-sample-preview">
      <CollapsibleTrigger className="planner-sample-preview-toggle">
        <ChevronRightIcon aria-hidden="true" />
        {labels.previewHeading}
      </CollapsibleTrigger>
      <CollapsibleContent className="planner-sample-preview-body">
        {!payloadSchema ? (
          <p className="planner-trigger-muted">{labels.previewNeedsType}</p>
        ) : (
          <>
            <p className="planner-trigger-muted">{labels.previewHint}</p>
            {result ? (
              <div className="planner-preview-result" role="status" aria-live="polite" data-matched={result.filters.matched}>
                <p className="planner-preview-verdict">
                  {result.filters.matched ? <CheckCircle2Icon aria-hidden="true" /> : <FilterXIcon aria-hidden="true" />}
                  {result.filters.results.length === 0 ? labels.noFilters : result.filters.matched ? labels.matched : labels.filtered}
                </p>
                {failed.length > 0 ? (
                  <ul className="planner-preview-conditions">
                    {failed.map((r, index) => (
                      <li key={index}>
                        {r.problem ? labels.conditionProblem(describe(r.condition), r.problem) : labels.conditionFailed(describe(r.condition), r.actual === undefined ? undefined : quoteValue(r.actual))}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {result.message !== undefined ? (
                  <figure className="planner-preview-output">
                    <figcaption>{result.filters.matched ? labels.renderedMessage : labels.renderedMessageIfMatched}</figcaption>
                    <blockquote className="planner-preview-message">{result.message}</blockquote>
                  </figure>
                ) : (
                  <figure className="planner-preview-output">
                    <figcaption>{result.filters.matched ? labels.renderedInput : labels.renderedInputIfMatched}</figcaption>
                    <pre className="planner-mono planner-preview-json">{JSON.stringify(result.input, null, 2)}</pre>
                  </figure>
                )}
                {result.missing.length > 0 ? (
                  <p className="planner-preview-missing">
                    <InfoIcon aria-hidden="true" />
                    {labels.missingVariables(result.missing.map((name) => `{${name}}`).join(", "))}
                  </p>
                ) : null}
              </div>
            ) : null}
            <Field label={labels.sampleEvent} error={data ? undefined : labels.sampleInvalid} id={`${id}-sample`}>
              <Textarea rows={8} className="planner-mono" spellCheck={false} value={text} onChange={(event) => setSample({ basis: initial, text: event.target.value })} />
            </Field>
            <Button variant="ghost" size="sm" className="planner-sample-reset" onClick={() => setSample({ basis: initial, text: initial })} disabled={text === initial}>
              {labels.resetSample}
            </Button>
          </>
        )}
      </CollapsibleContent>
    </Collapsible>
  );
}
