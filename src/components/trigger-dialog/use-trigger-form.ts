"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { usePlanner, type PlannerRouter } from "../../client/trpc";
import { TriggerForm, triggerFormToFields, triggerToForm, type Trigger } from "../../shared/schemas";

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
 * planner's trigger queries invalidated after a save.
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

  return { form, record, submit, reload, conflict, serverError, justSaved, saving: create.isPending || update.isPending };
}

export type TriggerFormState = ReturnType<typeof useTriggerForm>;
