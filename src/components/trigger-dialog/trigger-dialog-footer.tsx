"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SendIcon } from "lucide-react";
import { useFormState, useWatch, type Control } from "react-hook-form";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { TriggerForm, type Trigger } from "../../shared/schemas";
import { DialogFormFooter, type DialogFormState } from "../dialog-shell";
import { Button } from "../ui/button";

interface TriggerDialogFooterProps {
  agentId: string;
  formId: string;
  control: Control<TriggerForm>;
  record: Trigger | undefined;
  saving: boolean;
  /** What keeps the template from being saved beyond the schema (its unknown variables). */
  templateProblem?: string | undefined;
  /** The workflow input's first mapping problem (a required input mapped to nothing). */
  mappingProblem?: string | undefined;
  status: DialogFormState<TriggerForm>["status"];
}

/**
 * The trigger dialog's footer: the shared footer (status line, Cancel, Create trigger / Save) with "Send test event"
 * for a stored trigger without unsaved edits.
 */
export function TriggerDialogFooter({ agentId, formId, control, record, saving, templateProblem, mappingProblem, status }: TriggerDialogFooterProps) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const values = useWatch({ control });
  const { isDirty } = useFormState({ control });
  const test = useMutation(
    trpc.triggers.test.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.triggers.pathFilter()) }),
  );

  const live = TriggerForm.safeParse(values);
  let { tone, status: text } = status({
    firstProblem: live.success ? undefined : live.error.issues[0]?.message,
    extraProblem: templateProblem ?? mappingProblem,
    ready: record ? (isDirty ? labels.readyToSave : labels.noChanges) : labels.ready,
  });
  if (saving) [tone, text] = ["busy", labels.saving];
  else if (record && !isDirty && test.isPending) [tone, text] = ["busy", labels.sendingTest];
  else if (record && !isDirty && test.isError) [tone, text] = ["problem", test.error.message];
  else if (record && !isDirty && test.isSuccess) text = labels.testSent;

  return (
    <DialogFormFooter
      className="planner-trigger-dialog-footer"
      tone={tone}
      status={text}
      formId={formId}
      submitLabel={record ? labels.save : labels.create}
      submitDisabled={saving || (record !== undefined && !isDirty)}
      cancelLabel={record && !isDirty ? labels.done : allLabels.common.cancel}
      extra={
        record ? (
          <Button variant="outline" disabled={isDirty || test.isPending} title={isDirty ? labels.testUsesSaved : undefined} onClick={() => test.mutate({ agentId, triggerId: record.id })}>
            <SendIcon aria-hidden="true" />
            {labels.sendTest}
          </Button>
        ) : null
      }
    />
  );
}
