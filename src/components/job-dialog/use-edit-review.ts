"use client";

import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { JobForm } from "../../shared/schemas";
import { needsReview } from "../edit-log/edit-diff";

/**
 * The job dialog's review step: submitting an edit that changes the schedule or the message shows before → after
 * first (`values` set); submitting again from there saves, Back returns to the form. A create, an edit of anything
 * else, or a form with problems goes straight to `save` (which reports the problems). `templateProblem` is `null`
 * when the dialog creates a job (nothing to review).
 */
export function useEditReview(form: UseFormReturn<JobForm, unknown>, save: (event?: React.BaseSyntheticEvent) => Promise<void>, templateProblem: (() => string | null) | null) {
  const [values, setValues] = useState<JobForm | null>(null);
  const before = form.formState.defaultValues as JobForm;
  const submit = async (event?: React.BaseSyntheticEvent): Promise<void> => {
    if (!templateProblem) return save(event);
    if (values) {
      await save(event);
      // Still open: the save was refused (a conflict, a field error); the form shows why.
      setValues(null);
      return;
    }
    event?.preventDefault();
    await form.handleSubmit(async (submitted) => {
      if ((submitted.action.type === "chat" && templateProblem()) || !needsReview(before, submitted)) return save();
      setValues(submitted);
    })();
  };
  return { values, before, submit, back: () => setValues(null) };
}
