"use client";

import { useQuery } from "@tanstack/react-query";
import { RefreshCwIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Controller, get, useWatch } from "react-hook-form";
import { loadPatternEngine, patternEngineReady } from "#pattern-engine";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import type { Trigger } from "../../shared/schemas";
import { FilterBuilder, type FilterBuilderValue } from "../filter-builder";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { DialogShell, settleField } from "../dialog-shell";
import { DialogBody } from "../ui/dialog";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { Isolated } from "../ui/bidi";
import { ActionSection } from "./action-section";
import { SamplePreview } from "./sample-preview";
import { TryRecentEvents } from "../deliveries/try-recent-events";
import { SourceSection } from "./source-section";
import { TriggerDialogFooter } from "./trigger-dialog-footer";
import { schemaValidator } from "../../shared/schema-form/validate";
import { useMappingProblems } from "./use-mapping-problems";
import { useTriggerForm } from "./use-trigger-form";

export interface TriggerDialogProps {
  agentId: string;
  /** The trigger to edit (pre-fills the form); without it the dialog creates one. */
  trigger?: Trigger | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called after a successful create or save, with the stored trigger, once the dialog has closed (like the job dialog). */
  onSaved?: ((trigger: Trigger) => void) | undefined;
  className?: string | undefined;
}

/**
 * Create or edit an event trigger: the app and its event, the event's settings (generated from its config
 * schema), optional filters, the action, a preview on a sample event, then save and send a test event.
 *
 * @example
 * ```tsx
 * <TriggerDialog agentId={agent.id} open={open} onOpenChange={setOpen} />
 * <TriggerDialog agentId={agent.id} trigger={trigger} open={editing} onOpenChange={setEditing} />
 * ```
 */
export function TriggerDialog({ open, onOpenChange, className, ...props }: TriggerDialogProps) {
  const labels = useLabels().triggerDialog;
  const { trigger } = props;
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={trigger ? <Isolated text={labels.editTitle} value={trigger.name} /> : labels.createTitle}
      description={trigger ? labels.editDescription : labels.createDescription}
      className={cn("planner-trigger-dialog", className)}
      slot="planner-trigger-dialog"
    >
      {open ? <TriggerDialogForm key={props.trigger?.id ?? "new"} {...props} /> : null}
    </DialogShell>
  );
}

function TriggerDialogForm({ agentId, trigger, onSaved }: Omit<TriggerDialogProps, "open" | "onOpenChange" | "className">) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const id = useId();
  const mapping = useRef<Record<string, string>>({});
  const configSchema = useRef<unknown>(undefined);
  const state = useTriggerForm({
    agentId,
    trigger,
    onSaved,
    extraProblems: (values) => [
      // The settings with the event's config schema through the same Ajv validator the server uses.
      ...(schemaValidator(configSchema.current, { useDefaults: true })
        ?.check(values.source.config)
        .problems.map((p) => ({ path: p.key ? `source.config.${p.key}` : "source.config", message: p.message })) ?? []),
      ...(values.action.type === "workflow" ? Object.entries(mapping.current).map(([key, message]) => ({ path: `action.input.fields.${key}`, message })) : []),
    ],
  });
  usePatternEngine();
  const { form } = state;
  const triggerSlug = useWatch({ control: form.control, name: "source.triggerSlug" });
  const type = useQuery({ ...trpc.catalog.triggerType.queryOptions({ slug: triggerSlug }, { staleTime: 5 * 60_000 }), enabled: Boolean(triggerSlug) });
  const mappingProblems = useMappingProblems(agentId, form.control, type.data?.payload);
  const config = type.data?.config;
  useEffect(() => {
    mapping.current = mappingProblems;
    configSchema.current = config;
  });
  const conditionErrors: (Partial<Record<"path" | "op" | "value", { message?: string | undefined }>> | undefined)[] = get(form.formState.errors, "filters.conditions") ?? [];

  return (
    <>
      <DialogBody>
        <form id={`${id}-form`} noValidate onSubmit={(event) => void state.submit(event)} className="planner-trigger-form">
          {state.conflict ? (
            <div className="planner-trigger-inline-error" role="alert">
              <span>{state.serverError}</span>
              <Button variant="outline" size="sm" onClick={() => void state.reload()}>
                <RefreshCwIcon aria-hidden="true" />
                {labels.reload}
              </Button>
            </div>
          ) : null}
          <Field label={labels.name} hint={labels.nameHint} error={form.formState.errors.name?.message} required>
            <Input placeholder={labels.namePlaceholder} autoComplete="off" {...form.register("name")} />
          </Field>
          <Field label={labels.description} error={form.formState.errors.description?.message} optional>
            <Input placeholder={labels.descriptionPlaceholder} autoComplete="off" {...form.register("description")} />
          </Field>
          <SourceSection form={form} />
          <section className="planner-trigger-section" aria-labelledby={`${id}-filters`}>
            <h3 id={`${id}-filters`} className="planner-trigger-section-title">
              {labels.filtersHeading} <span className="planner-field-optional">({allLabels.common.optional})</span>
            </h3>
            <p className="planner-trigger-muted">{labels.filtersHint}</p>
            <Controller
              control={form.control}
              name="filters"
              render={({ field }) => (
                <FilterBuilder
                  value={field.value as FilterBuilderValue}
                  onChange={(next) => field.onChange({ match: next.match ?? "all", conditions: next.conditions })}
                  payloadSchema={type.data?.payload}
                  errors={conditionErrors.map((e) => (e ? { path: e.path?.message, op: e.op?.message, value: e.value?.message } : undefined))}
                />
              )}
            />
          </section>
          <ActionSection agentId={agentId} control={form.control} triggerSlug={triggerSlug} onNormalize={(next) => settleField(form, "action", next)} />
          <SamplePreview control={form.control} payloadSchema={type.data?.payload} />
          <TryRecentEvents agentId={agentId} triggerId={state.record?.id} control={form.control} />
        </form>
      </DialogBody>
      <TriggerDialogFooter
        agentId={agentId}
        formId={`${id}-form`}
        control={form.control}
        record={state.record}
        saving={state.saving}
        templateProblem={state.templateProblem}
        mappingProblem={Object.values(mappingProblems)[0]}
        status={state.status}
      />
    </>
  );
}

/**
 * Fetches RE2 (its own chunk in the browser) as the dialog opens and renders again once it is there, so `matches`
 * filters are checked and previewed with the same engine the server uses.
 */
function usePatternEngine() {
  const [, setReady] = useState(patternEngineReady);
  useEffect(() => {
    if (patternEngineReady()) return;
    let current = true;
    loadPatternEngine().then(
      () => current && setReady(true),
      () => undefined, // offline: the server still checks every pattern on save
    );
    return () => {
      current = false;
    };
  }, []);
}
