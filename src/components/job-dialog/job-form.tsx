"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCwIcon, TriangleAlertIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { Controller, useForm, useWatch, type FieldPath } from "react-hook-form";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { formPathOf, jobToForm, type JobForm, type VariablesInput } from "../../shared/schemas";
import { CronPicker, useSettledSchedule } from "../cron-picker";
import { useUnknownVariables } from "../template-editor";
import { Button, DialogBody, DialogClose, DialogFooter, DialogForm, Field, Input, Textarea } from "../ui";
import { ActionFields } from "./action-fields";
import { AdvancedPolicies } from "./advanced-policies";
import { FormStatus } from "./form-status";
import { inputFieldsOf } from "./input-schema";
import { formProblems, jobFormResolver, type JobFormContext } from "./job-form-state";
import { useSaveJob } from "./use-save-job";

type EditedJob = Parameters<typeof jobToForm>[0] & { id: string; revision: number };

export interface JobFormBodyProps {
  agentId: string;
  job?: EditedJob | undefined;
  onSaved: (job: { id: string; name: string; revision: number }) => void;
}

/** The job dialog's body and footer: one react-hook-form over the shared `JobForm` schema. */
export function JobFormBody({ agentId, job, onSaved }: JobFormBodyProps) {
  const labels = useLabels();
  const text = labels.jobDialog;
  const format = useFormat();
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const [revision, setRevision] = useState(job?.revision);
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const defaults = useMemo(() => jobToForm(job, { timezone: format.timeZone }), [job, format.timeZone]);
  const workflows = useQuery(trpc.catalog.workflows.queryOptions({ agentId }));
  const [workflowId, setWorkflowId] = useState(defaults.action.workflowId);
  const inputFields = useMemo(() => inputFieldsOf(workflows.data?.find((w) => w.id === workflowId)?.inputSchema), [workflows.data, workflowId]);
  // The chosen workflow's required inputs reach the resolver through react-hook-form's `context`.
  const form = useForm<JobForm, JobFormContext>({ defaultValues: defaults, resolver: jobFormResolver, context: { inputFields } });
  const values = useWatch({ control: form.control }) as JobForm;
  if (values.action.workflowId !== workflowId) setWorkflowId(values.action.workflowId);
  const { save, pending } = useSaveJob(agentId, job?.id);
  const { errors } = form.formState;
  // The preview's samples are the next run of the schedule being edited, in its zone (what a run would insert).
  const schedule = useSettledSchedule(values.schedule);
  const variablesSource = useMemo<VariablesInput>(
    () => ({ kind: "job", agentId, ...(job ? { jobId: job.id } : {}), ...(fitsSampleInput(schedule) ? { schedule } : {}) }),
    [agentId, job, schedule],
  );
  const unknown = useUnknownVariables(values.action.template, variablesSource, values.variables);
  // A run leaves an unknown variable empty, so it blocks saving like a schema problem, named in the footer.
  const templateProblem = unknown.length > 0 ? labels.templateEditor.unknownVariables(unknown) : null;
  const problem = failure ?? formProblems(values, inputFields, templateProblem)[0]?.message ?? null;

  const submit = form.handleSubmit(async (submitted) => {
    if (submitted.action.type === "chat" && templateProblem) {
      form.setError("action.template", { type: "unknown", message: templateProblem }, { shouldFocus: true });
      return;
    }
    setFailure(null);
    const outcome = await save(submitted, revision);
    if (outcome.kind === "saved") return onSaved(outcome.job);
    if (outcome.kind === "conflict") return setConflict(true);
    if (outcome.kind === "failed") return setFailure(outcome.message);
    for (const fieldError of outcome.fieldErrors) {
      const path = formPathOf(fieldError.path.split("."), submitted);
      if (path in submitted || path.includes(".")) form.setError(path as FieldPath<JobForm>, { type: "server", message: fieldError.message }, { shouldFocus: true });
      else setFailure(fieldError.message);
    }
  });

  const reload = async () => {
    if (!job) return;
    const fresh = await queryClient.fetchQuery({ ...trpc.jobs.byId.queryOptions({ agentId, jobId: job.id }), staleTime: 0 });
    form.reset(jobToForm(fresh, { timezone: format.timeZone }));
    setRevision(fresh.revision);
    setConflict(false);
  };

  const actionErrors = errors.action;
  const customErrors = Object.fromEntries((errors.variables ?? []).map?.((row, index) => [index, row?.name?.message ?? row?.value?.message]) ?? []);
  return (
    <DialogForm className="planner-job-form" onSubmit={(event) => void submit(event)} noValidate>
      <DialogBody>
        {conflict ? (
          <div className="planner-job-conflict" role="alert">
            <TriangleAlertIcon aria-hidden="true" />
            <p>{text.conflict}</p>
            <Button variant="outline" size="sm" onClick={() => void reload()}>
              <RefreshCwIcon aria-hidden="true" />
              {text.reload}
            </Button>
          </div>
        ) : null}
        <Field label={text.name} hint={text.nameHint} error={errors.name?.message} required>
          <Input {...form.register("name")} autoComplete="off" />
        </Field>
        <Field label={text.jobDescription} error={errors.description?.message} optional>
          <Textarea {...form.register("description")} rows={2} />
        </Field>
        <fieldset className="planner-fieldset">
          <legend className="planner-label">{text.schedule}</legend>
          <Controller
            control={form.control}
            name="schedule"
            render={({ field }) => <CronPicker value={field.value} onChange={field.onChange} error={errors.schedule?.cron?.message ?? errors.schedule?.timezone?.message} />}
          />
        </fieldset>
        <Controller
          control={form.control}
          name="action"
          render={({ field }) => (
            <ActionFields
              agentId={agentId}
              value={field.value}
              onChange={field.onChange}
              variablesSource={variablesSource}
              customVariables={values.variables}
              onCustomVariablesChange={(rows) => form.setValue("variables", rows, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
              customErrors={customErrors}
              sampleOverrides={{ ...(values.name.trim() ? { jobName: values.name.trim() } : {}), timezone: values.schedule.timezone }}
              errors={{
                type: actionErrors?.type?.message,
                template: actionErrors?.template?.message,
                workflowId: actionErrors?.workflowId?.message,
                inputJson: actionErrors?.inputJson?.message,
                inputValues: Object.fromEntries(Object.entries(actionErrors?.inputValues ?? {}).map(([key, value]) => [key, (value as { message?: string | undefined } | undefined)?.message])),
              }}
            />
          )}
        />
        <Controller control={form.control} name="policy" render={({ field }) => <AdvancedPolicies value={field.value} onChange={field.onChange} />} />
      </DialogBody>
      <DialogFooter className="planner-job-footer">
        <FormStatus problem={problem} ready={job ? text.readySave : text.readyCreate} />
        <DialogClose asChild>
          <Button variant="outline">{labels.common.cancel}</Button>
        </DialogClose>
        <Button type="submit" disabled={pending} aria-disabled={pending || undefined}>
          {pending ? text.saving : job ? text.save : text.create}
        </Button>
      </DialogFooter>
    </DialogForm>
  );
}

/** Whether a schedule being typed fits `catalog.variables`' input (a longer one would be refused, not sampled). */
function fitsSampleInput(schedule: { cron: string; timezone: string }): boolean {
  return schedule.cron.length <= 200 && schedule.timezone.length <= 100;
}
