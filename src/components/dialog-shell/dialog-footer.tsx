"use client";

import { CheckCircle2Icon, CircleAlertIcon, CircleDashedIcon, Loader2Icon } from "lucide-react";
import type { ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { Button, cn, DialogFooter } from "../ui";
import { useDialogShell } from "./dialog-shell";

/** What the status line says: ready, a to-do (before a save attempt), a problem, or busy. */
export type DialogStatusTone = "ok" | "todo" | "problem" | "busy";

/** The status line's tone as one of the stylesheet's tones (busy has none). */
const TONE = { ok: "success", todo: "warning", problem: "danger", busy: undefined } as const;

export interface DialogFormFooterProps {
  tone: DialogStatusTone;
  status: string;
  /** The submit button's text ("Create job", "Save"). */
  submitLabel: string;
  /** Submits this form (when the footer is outside it). */
  formId?: string | undefined;
  submitDisabled?: boolean | undefined;
  /** Buttons before Cancel (the trigger's "Send test event"). */
  extra?: ReactNode;
  /** Cancel's text ("Cancel", or "Done" when nothing is unsaved). */
  cancelLabel?: string | undefined;
  className?: string | undefined;
}

/**
 * The sticky footer both dialogs share: on the left the status line with an icon and words (`role="status"`), on the
 * right any extra buttons, Cancel (asks before discarding unsaved changes) and Create / Save.
 */
export function DialogFormFooter({ tone, status, submitLabel, formId, submitDisabled, extra, cancelLabel, className }: DialogFormFooterProps) {
  const labels = useLabels();
  const { requestClose } = useDialogShell();
  const busy = tone === "busy";
  return (
    <DialogFooter className={cn("planner-dialog-form-footer", className)}>
      <p className="planner-form-status" data-tone={TONE[tone]} data-state={tone === "problem" ? "invalid" : tone === "ok" ? "valid" : tone} role="status" aria-live="polite">
        {busy ? (
          <Loader2Icon aria-hidden="true" className="planner-spin" />
        ) : tone === "ok" ? (
          <CheckCircle2Icon aria-hidden="true" />
        ) : tone === "todo" ? (
          <CircleDashedIcon aria-hidden="true" />
        ) : (
          <CircleAlertIcon aria-hidden="true" />
        )}
        <span>{status}</span>
      </p>
      <div className="planner-dialog-actions">
        {extra}
        <Button variant="outline" onClick={requestClose}>
          {cancelLabel ?? labels.common.cancel}
        </Button>
        <Button type="submit" form={formId} disabled={submitDisabled} aria-disabled={submitDisabled || undefined}>
          {submitLabel}
        </Button>
      </div>
    </DialogFooter>
  );
}
