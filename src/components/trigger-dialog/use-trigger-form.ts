"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { useLabels } from "../../client/settings";
import { usePlanner, type PlannerRouter } from "../../client/trpc";
import { TriggerForm, triggerFormToFields, triggerToForm, type Trigger } from "../../shared/schemas";
import { useUnknownVariables } from "../template-editor";

/** What the dialog saved last (or was opened with): edits and tests go to this record. */
export type SavedTrigger = Trigger;

export interface UseTriggerFormOptions {
  agentId: string;
  trigger?: Trigger | undefined;
  onSaved?: ((trigger: Trigger) => void) | undefined;
}

/**
 * The trigger dialog's form state: react-hook-form on the shared `TriggerForm` schema, create / update
 * through the router, server field errors on their fields, `CONFLICT` on a stale edit with a reload, and the
 * planner's trigger queries invalidated after a save. A chat template with unknown variables (a run would leave them
 * empty) is not saved: `templateProblem` names them for the footer.
 */
export function useTriggerForm({ agentId, trigger, onSaved }: UseTriggerFormOptions) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const [record, setRecord] = useState<Trigger | undefined>(trigger);
  const [serverError, setServerError] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const form = useForm<TriggerForm>({ resolver: zodResolver(TriggerForm), defaultValues: triggerToForm(trigger), mode: "onTouched" });
  const create = useMutation(trpc.triggers.create.mutationOptions());
  const update = useMutation(trpc.triggers.update.mutationOptions());
  const unknownVariables = useLabels().templateEditor.unknownVariables;
  const [actionType, template, triggerSlug] = useWatch({ control: form.control, name: ["action.type", "action.template", "source.triggerSlug"] });
  const unknown = useUnknownVariables(template, triggerSlug ? { kind: "trigger", agentId, triggerSlug } : null);
  const templateProblem = actionType === "chat" && unknown.length > 0 ? unknownVariables(unknown) : undefined;

  function showServerError(error: unknown) {
    if (!isTRPCClientError<PlannerRouter>(error)) throw error;
    setServerError(error.message);
    if (error.data?.code === "CONFLICT" && record) setConflict(true);
    for (const fieldError of error.data?.fieldErrors ?? []) {
      form.setError(fieldError.path as FieldPath<TriggerForm>, { type: "server", message: fieldError.message });
    }
  }

  function saved(next: Trigger) {
    setRecord(next);
    setConflict(false);
    setJustSaved(true);
    form.reset(triggerToForm(next));
    onSaved?.(next);
  }

  const submit = form.handleSubmit(async (values) => {
    if (templateProblem) return form.setError("action.template", { type: "unknown", message: templateProblem }, { shouldFocus: true });
    setServerError(undefined);
    setJustSaved(false);
    try {
      const next = record
        ? await update.mutateAsync({ agentId, triggerId: record.id, expectedRevision: record.revision, ...triggerFormToFields(values, { forUpdate: true }) })
        : await create.mutateAsync({ agentId, ...triggerFormToFields(values) });
      saved(next);
    } catch (error) {
      showServerError(error);
    } finally {
      await queryClient.invalidateQueries(trpc.triggers.pathFilter());
    }
  });

  /** After a CONFLICT: load the latest version into the form (the user's unsaved edits are replaced). */
  async function reload() {
    if (!record) return;
    const latest = await queryClient.fetchQuery({ ...trpc.triggers.byId.queryOptions({ agentId, triggerId: record.id }), staleTime: 0 });
    setRecord(latest);
    setConflict(false);
    setServerError(undefined);
    form.reset(triggerToForm(latest));
  }

  return { form, record, submit, reload, conflict, serverError, templateProblem, justSaved, saving: create.isPending || update.isPending };
}

export type TriggerFormState = ReturnType<typeof useTriggerForm>;
