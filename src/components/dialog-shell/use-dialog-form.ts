"use client";

import { isTRPCClientError } from "@trpc/client";
import { useEffect, useState } from "react";
import { useForm, useWatch, type DefaultValues, type FieldPath, type FieldPathValue, type FieldValues, type Resolver, type UseFormReturn } from "react-hook-form";
import { useDialogShell } from "./dialog-shell";
import type { DialogStatusTone } from "./dialog-footer";

/** What a create or update came to, for the dialog to show. */
export type SaveOutcome<R> =
  | { kind: "saved"; record: R }
  | { kind: "conflict"; message: string }
  | { kind: "invalid"; fieldErrors: { path: string; message: string }[]; message: string }
  | { kind: "failed"; message: string };

/** A create / update mutation's error as an outcome: `CONFLICT`, field errors, or a message. */
export function outcomeOfError(error: unknown): SaveOutcome<never> {
  if (!isTRPCClientError(error)) return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  const data = error.data as { code?: string | undefined; fieldErrors?: { path: string; message: string }[] | null | undefined } | undefined;
  if (data?.code === "CONFLICT") return { kind: "conflict", message: error.message };
  if (data?.fieldErrors?.length) return { kind: "invalid", fieldErrors: data.fieldErrors, message: error.message };
  return { kind: "failed", message: error.message };
}

/** The first message in a react-hook-form error tree, in field order. */
export function firstError(errors: unknown, depth = 0): string | undefined {
  if (!errors || typeof errors !== "object" || depth > 12) return undefined;
  const { message } = errors as { message?: unknown };
  if (typeof message === "string" && message) return message;
  for (const [key, value] of Object.entries(errors)) {
    if (key === "ref" || key === "message" || key === "type") continue;
    const found = firstError(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Sets a value the form changes by itself (an editor settling on the shape its data loads in, e.g. a workflow's
 * input becoming a form once the schema is known): a field the user has not touched takes it as its new default,
 * so an untouched dialog stays untouched and closes without asking; a touched one takes it as an edit.
 */
export function settleField<T extends FieldValues, N extends FieldPath<T>>(form: Pick<UseFormReturn<T, unknown>, "getFieldState" | "resetField" | "setValue" | "formState">, name: N, value: FieldPathValue<T, N>): void {
  if (form.getFieldState(name, form.formState).isDirty) form.setValue(name, value, { shouldDirty: true });
  else form.resetField(name, { defaultValue: value });
}

export interface UseDialogFormOptions<T extends FieldValues, C, R extends { name: string }> {
  defaultValues: T;
  resolver: Resolver<T, C>;
  context?: C | undefined;
  /** Whether the dialog edits a stored record (Save) or creates one (Create). */
  editing: boolean;
  /** Creates or updates from valid values. */
  save: (values: T) => Promise<SaveOutcome<R>>;
  /** Where a server field error's API path lands in the form (default: the same path). */
  formPathOf?: ((apiPath: string, values: T) => string) | undefined;
  /** Checked after the schema on submit (the template's unknown variables, a workflow's missing inputs): path and message. */
  extraProblems?: ((values: T) => { path: string; message: string }[]) | undefined;
  /** Called after a successful save, once the dialog has closed. */
  onSaved?: ((record: R) => void) | undefined;
}

export interface DialogFormState<T extends FieldValues> {
  form: UseFormReturn<T, unknown>;
  submit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** A save refused as stale: the dialog offers to reload (`clearConflict` once reloaded). */
  conflict: string | null;
  clearConflict: () => void;
  saving: boolean;
  /** The footer's status from the live values: `todo` before a save attempt, `problem` after one or from the server. */
  status: (live: { firstProblem: string | undefined; extraProblem?: string | undefined; ready: string }) => { tone: DialogStatusTone; status: string };
}

/**
 * The one form hook of the job and trigger dialogs: react-hook-form over a shared schema that validates on submit
 * and then as the user fixes things (no red "Give it a name." before anything was typed or saved), reports unsaved
 * changes to the dialog shell (closing then asks), puts server field errors on their fields, keeps a `CONFLICT`
 * for the reload offer, and closes the dialog with the same announcement after a create or a save.
 */
export function useDialogForm<T extends FieldValues, C, R extends { name: string }>(options: UseDialogFormOptions<T, C, R>): DialogFormState<T> {
  const { editing, save, onSaved } = options;
  const shell = useDialogShell();
  const form = useForm<T, C>({
    defaultValues: options.defaultValues as DefaultValues<T>,
    resolver: options.resolver,
    ...(options.context !== undefined ? { context: options.context } : {}),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { isDirty, isSubmitted, errors } = form.formState;
  useWatch({ control: form.control });
  useEffect(() => shell.setDirty(isDirty), [isDirty, shell]);

  const submit = form.handleSubmit(async (values) => {
    const extra = options.extraProblems?.(values) ?? [];
    if (extra.length > 0) {
      extra.forEach((problem, index) => form.setError(problem.path as FieldPath<T>, { type: "custom", message: problem.message }, { shouldFocus: index === 0 }));
      return;
    }
    setFailure(null);
    setSaving(true);
    let outcome: SaveOutcome<R>;
    try {
      outcome = await save(values);
    } finally {
      setSaving(false);
    }
    if (outcome.kind === "saved") {
      shell.closeSaved(editing ? "saved" : "created", outcome.record.name);
      onSaved?.(outcome.record);
      return;
    }
    // A stale edit offers to reload; a create refused as a duplicate just says why.
    if (outcome.kind === "conflict") return editing ? setConflict(outcome.message) : setFailure(outcome.message);
    if (outcome.kind === "failed") return setFailure(outcome.message);
    setFailure(outcome.message);
    outcome.fieldErrors.forEach((fieldError, index) => {
      const path = options.formPathOf ? options.formPathOf(fieldError.path, values) : fieldError.path;
      form.setError(path as FieldPath<T>, { type: "server", message: fieldError.message }, { shouldFocus: index === 0 });
    });
  });

  const status: DialogFormState<T>["status"] = ({ firstProblem, extraProblem, ready }) => {
    if (saving) return { tone: "busy", status: ready };
    const shown = failure ?? (isSubmitted ? firstError(errors) : undefined);
    if (shown) return { tone: "problem", status: shown };
    // Before a save attempt the first missing piece is a to-do, not an error; a mistake already made (an unknown
    // variable) shows as a problem once the to-dos are done.
    if (firstProblem) return { tone: isSubmitted ? "problem" : "todo", status: firstProblem };
    if (extraProblem) return { tone: "problem", status: extraProblem };
    return { tone: "ok", status: ready };
  };

  return {
    form,
    submit,
    conflict,
    clearConflict: () => {
      setConflict(null);
      setFailure(null);
    },
    saving,
    status,
  };
}
