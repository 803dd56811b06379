"use client";

import { useQuery } from "@tanstack/react-query";
import { RefreshCwIcon } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Controller, get, useWatch } from "react-hook-form";
import { loadPatternEngine, patternEngineReady } from "#pattern-engine";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import type { Trigger } from "../../shared/schemas";
import { FilterBuilder, type FilterBuilderValue } from "../filter-builder";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "../ui/dialog";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { Isolated } from "../ui/bidi";
import { ActionSection } from "./action-section";
import { SamplePreview } from "./sample-preview";
import { SourceSection } from "./source-section";
import { TriggerDialogFooter } from "./trigger-dialog-footer";
import { useTriggerForm } from "./use-trigger-form";

export interface TriggerDialogProps {
  agentId: string;
  /** The trigger to edit (pre-fills the form); without it the dialog creates one. */
  trigger?: Trigger | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called after each successful create or save, with the stored trigger. The dialog stays open to send a test event. */
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
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg" className={cn("planner-trigger-dialog", className)} data-slot="planner-trigger-dialog">
        {open ? <TriggerDialogForm key={props.trigger?.id ?? "new"} {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TriggerDialogForm({ agentId, trigger, onSaved }: Omit<TriggerDialogProps, "open" | "onOpenChange" | "className">) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const id = useId();
  const state = useTriggerForm({ agentId, trigger, onSaved });
  usePatternEngine();
  const { form, record } = state;
  const triggerSlug = useWatch({ control: form.control, name: "source.triggerSlug" });
  const type = useQuery({ ...trpc.catalog.triggerType.queryOptions({ slug: triggerSlug }, { staleTime: 5 * 60_000 }), enabled: Boolean(triggerSlug) });
  const conditionErrors: (Partial<Record<"path" | "op" | "value", { message?: string | undefined }>> | undefined)[] = get(form.formState.errors, "filters.conditions") ?? [];

  return (
    <>
      <DialogHeader>
        <DialogTitle>{record ? <Isolated text={labels.editTitle} value={record.name} /> : labels.createTitle}</DialogTitle>
        <DialogDescription>{record ? labels.editDescription : labels.createDescription}</DialogDescription>
      </DialogHeader>
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
          <ActionSection agentId={agentId} control={form.control} triggerSlug={triggerSlug} />
          <SamplePreview control={form.control} payloadSchema={type.data?.payload} />
        </form>
      </DialogBody>
      <TriggerDialogFooter
        agentId={agentId}
        formId={`${id}-form`}
        control={form.control}
        record={record}
        saving={state.saving}
        serverError={state.conflict ? undefined : state.serverError}
        templateProblem={state.templateProblem}
        justSaved={state.justSaved}
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
