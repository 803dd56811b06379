"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { TriggerForm, triggerFormToFields, triggerToForm, type Trigger } from "../../shared/schemas";
import { outcomeOfError, useDialogForm, type SaveOutcome } from "../dialog-shell";
import { useUnknownVariables } from "../template-editor";

/** What the dialog saved last (or was opened with): edits and tests go to this record. */
export type SavedTrigger = Trigger;

export interface UseTriggerFormOptions {
  agentId: string;
  trigger?: Trigger | undefined;
  onSaved?: ((trigger: Trigger) => void) | undefined;
  /**
   * Problems beyond the form's schema, by path, read on submit so saving is refused with each message on its field
   * as the server would: the settings against the event's config schema (Ajv), the workflow input's mapping (a
   * required input mapped to nothing, an event field that does not exist).
   */
  extraProblems?: ((values: TriggerForm) => { path: string; message: string }[]) | undefined;
}

/** A form path for a server field error: `action.input…` of a whole-payload input lands on the JSON box. */
function triggerFormPath(path: string, values: TriggerForm): string {
  if (path === "action.input" && values.action.inputKind !== "fields") return "action.inputJson";
  return path;
}

/**
 * The trigger dialog's form state, on the one form hook both dialogs use (`useDialogForm`): react-hook-form on the
 * shared `TriggerForm` schema, create / update through the router, server field errors on their fields, `CONFLICT`
 * on a stale edit with a reload, the planner's trigger queries invalidated after a save, and the dialog closed
 * with the same announcement as the job dialog. A chat template with unknown variables (a run would leave them
 * empty) is not saved: `templateProblem` names them for the footer.
 */
export function useTriggerForm({ agentId, trigger, onSaved, extraProblems }: UseTriggerFormOptions) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const [record, setRecord] = useState<Trigger | undefined>(trigger);
  const create = useMutation(trpc.triggers.create.mutationOptions());
  const update = useMutation(trpc.triggers.update.mutationOptions());
  const unknownVariables = useLabels().templateEditor.unknownVariables;
  const templateProblemRef = useRef<string | undefined>(undefined);
  const extraRef = useRef(extraProblems);
  useEffect(() => {
    extraRef.current = extraProblems;
  });

  const save = async (values: TriggerForm): Promise<SaveOutcome<Trigger>> => {
    try {
      const next = record
        ? await update.mutateAsync({ agentId, triggerId: record.id, expectedRevision: record.revision, ...triggerFormToFields(values, { forUpdate: true }) })
        : await create.mutateAsync({ agentId, ...triggerFormToFields(values) });
      setRecord(next);
      return { kind: "saved", record: next };
    } catch (error) {
      return outcomeOfError(error);
    } finally {
      await queryClient.invalidateQueries(trpc.triggers.pathFilter());
    }
  };

  const state = useDialogForm<TriggerForm, unknown, Trigger>({
    defaultValues: triggerToForm(trigger),
    resolver: zodResolver(TriggerForm),
    editing: Boolean(trigger),
    save,
    formPathOf: triggerFormPath,
    extraProblems: (values) => [
      ...(values.action.type === "chat" && templateProblemRef.current ? [{ path: "action.template", message: templateProblemRef.current }] : []),
      ...(extraRef.current?.(values) ?? []),
    ],
    onSaved,
  });
  const { form } = state;
  const [actionType, template, triggerSlug] = useWatch({ control: form.control, name: ["action.type", "action.template", "source.triggerSlug"] });
  const unknown = useUnknownVariables(template, triggerSlug ? { kind: "trigger", agentId, triggerSlug } : null);
  const templateProblem = actionType === "chat" && unknown.length > 0 ? unknownVariables(unknown) : undefined;
  useEffect(() => {
    templateProblemRef.current = templateProblem;
  });

  /** After a CONFLICT: load the latest version into the form (the user's unsaved edits are replaced). */
  async function reload() {
    if (!record) return;
    const latest = await queryClient.fetchQuery({ ...trpc.triggers.byId.queryOptions({ agentId, triggerId: record.id }), staleTime: 0 });
    setRecord(latest);
    state.clearConflict();
    form.reset(triggerToForm(latest));
  }

  return {
    form,
    record,
    submit: state.submit,
    reload,
    conflict: state.conflict !== null,
    serverError: state.conflict ?? undefined,
    templateProblem,
    status: state.status,
    saving: state.saving || create.isPending || update.isPending,
  };
}

export type TriggerFormState = ReturnType<typeof useTriggerForm>;
