"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertCircleIcon, CheckCircle2Icon, CircleDashedIcon, Loader2Icon, SendIcon } from "lucide-react";
import { useFormState, useWatch, type Control } from "react-hook-form";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { TriggerForm, type Trigger } from "../../shared/schemas";
import { Button } from "../ui/button";
import { DialogClose, DialogFooter } from "../ui/dialog";

interface TriggerDialogFooterProps {
  agentId: string;
  formId: string;
  control: Control<TriggerForm>;
  record: Trigger | undefined;
  saving: boolean;
  serverError: string | undefined;
  /** What keeps the template from being saved beyond the schema (its unknown variables). */
  templateProblem?: string | undefined;
  /** The last save succeeded (and nothing was edited since, when `isDirty` is false). */
  justSaved: boolean;
}

/** The first message in a react-hook-form error tree, in field order. */
function firstError(errors: unknown): string | undefined {
  if (!errors || typeof errors !== "object") return undefined;
  const { message } = errors as { message?: unknown };
  if (typeof message === "string" && message) return message;
  for (const [key, value] of Object.entries(errors)) {
    if (key === "ref" || key === "message" || key === "type") continue;
    const found = firstError(value);
    if (found) return found;
  }
  return undefined;
}

/** The footer line's state as one of the stylesheet's tones (busy has none). */
const STATUS_TONE = { ok: "success", todo: "warning", problem: "danger", busy: undefined } as const;

/** The sticky footer: a status line (ready, the first problem, saved, test sent) and the dialog's buttons. */
export function TriggerDialogFooter({ agentId, formId, control, record, saving, serverError, templateProblem, justSaved }: TriggerDialogFooterProps) {
  const allLabels = useLabels();
  const labels = allLabels.triggerDialog;
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const values = useWatch({ control });
  const { errors, isDirty, isSubmitted } = useFormState({ control });
  const test = useMutation(
    trpc.triggers.test.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.triggers.pathFilter()) }),
  );

  const live = TriggerForm.safeParse(values);
  // Before a save attempt the first missing piece is a to-do, not an error; after one (or from the server) it is.
  // An unknown variable is a mistake already made, so it shows as a problem once the schema's to-dos are done.
  const todo = live.success ? undefined : live.error.issues[0]?.message;
  const problem = serverError ?? (isSubmitted ? firstError(errors) : undefined) ?? (todo ? undefined : templateProblem);
  let tone: "ok" | "todo" | "problem" | "busy" = problem ? "problem" : todo ? "todo" : "ok";
  let status = problem ?? todo ?? (record ? (isDirty ? labels.readyToSave : labels.noChanges) : labels.ready);
  if (saving) [tone, status] = ["busy", labels.saving];
  else if (record && !isDirty && test.isPending) [tone, status] = ["busy", labels.sendingTest];
  else if (record && !isDirty && test.isError) [tone, status] = ["problem", test.error.message];
  else if (record && !isDirty && test.isSuccess) status = labels.testSent;
  else if (record && !isDirty && justSaved && !serverError) status = labels.saved;

  return (
    <DialogFooter className="planner-trigger-dialog-footer">
      <p className="planner-trigger-status" data-tone={STATUS_TONE[tone]} role="status" aria-live="polite">
        {tone === "busy" ? (
          <Loader2Icon aria-hidden="true" className="planner-spin" />
        ) : tone === "ok" ? (
          <CheckCircle2Icon aria-hidden="true" />
        ) : tone === "todo" ? (
          <CircleDashedIcon aria-hidden="true" />
        ) : (
          <AlertCircleIcon aria-hidden="true" />
        )}
        <span>{status}</span>
      </p>
      <div className="planner-trigger-actions">
        {record ? (
          <Button
            variant="outline"
            disabled={isDirty || test.isPending}
            title={isDirty ? labels.testUsesSaved : undefined}
            onClick={() => test.mutate({ agentId, triggerId: record.id })}
          >
            <SendIcon aria-hidden="true" />
            {labels.sendTest}
          </Button>
        ) : null}
        <DialogClose asChild>
          <Button variant="outline">{record && !isDirty ? labels.done : allLabels.common.cancel}</Button>
        </DialogClose>
        <Button type="submit" form={formId} disabled={saving || (record !== undefined && !isDirty)}>
          {record ? labels.save : labels.create}
        </Button>
      </div>
    </DialogFooter>
  );
}
