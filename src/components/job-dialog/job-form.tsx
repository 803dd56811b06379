"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCwIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { formPathOf, jobToForm, type JobForm, type ProposedJobFields, type VariablesInput } from "../../shared/schemas";
import { useSettledSchedule } from "../cron-picker";
import { JobScheduleFields, scheduleErrors } from "./time-fields";
import { useUnknownVariables } from "../template-editor";
import { DialogFormFooter, settleField, useDialogForm } from "../dialog-shell";
import { Button, DialogBody, DialogForm, Field, Input, Textarea } from "../ui";
import { ActionFields } from "./action-fields";
import { AdvancedPolicies } from "./advanced-policies";
import { inputFieldsOf } from "./input-schema";
import { formProblems, jobFormResolver, type JobFormContext } from "./job-form-state";
import { useSaveJob } from "./use-save-job";
import { useEditReview } from "./use-edit-review";
import { EditDiff } from "../edit-log/edit-diff";

type EditedJob = Parameters<typeof jobToForm>[0] & { id: string; revision: number };

export interface JobFormBodyProps {
  agentId: string;
  job?: EditedJob | undefined;
  /** A proposal the agent made: the form starts from its job, and saving approves it (see `JobDialogProps.proposal`). */
  proposal?: { id: string; job: ProposedJobFields } | undefined;
  /** After a successful save; the dialog shell has closed the dialog and announced it. */
  onSaved?: ((job: { id: string; name: string; revision: number }) => void) | undefined;
}

/** The job dialog's body and footer: one react-hook-form over the shared `JobForm` schema. */
export function JobFormBody({ agentId, job, proposal, onSaved }: JobFormBodyProps) {
  const labels = useLabels();
  const text = labels.jobDialog;
  const format = useFormat();
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const [revision, setRevision] = useState(job?.revision);
  const defaults = useMemo(
    () => jobToForm(job ?? (proposal ? { ...proposal.job, policy: proposal.job.policy ?? { misfire: "runOnce", overlap: "skip" } } : undefined), { timezone: format.timeZone }),
    [job, proposal, format.timeZone],
  );
  const workflows = useQuery(trpc.catalog.workflows.queryOptions({ agentId }));
  const [workflowId, setWorkflowId] = useState(defaults.action.workflowId);
  const inputFields = useMemo(() => inputFieldsOf(workflows.data?.find((w) => w.id === workflowId)?.inputSchema), [workflows.data, workflowId]);
  const { save, pending } = useSaveJob(agentId, job?.id, proposal?.id);
  const templateProblemRef = useRef<string | null>(null);
  // One form hook for both dialogs; the chosen workflow's required inputs reach the resolver through `context`.
  const state = useDialogForm<JobForm, JobFormContext, { id: string; name: string; revision: number }>({
    defaultValues: defaults,
    resolver: jobFormResolver,
    context: { inputFields },
    editing: Boolean(job),
    save: (submitted) => save(submitted, revision),
    formPathOf: (path, submitted) => formPathOf(path.split("."), submitted),
    extraProblems: (submitted) =>
      submitted.action.type === "chat" && templateProblemRef.current ? [{ path: "action.template", message: templateProblemRef.current }] : [],
    onSaved,
  });
  const { form } = state;
  const conflict = state.conflict !== null;
  const values = useWatch({ control: form.control }) as JobForm;
  if (values.action.workflowId !== workflowId) setWorkflowId(values.action.workflowId);
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
  useEffect(() => {
    templateProblemRef.current = templateProblem;
  });
  const footer = state.status({
    firstProblem: formProblems(values, inputFields, null)[0]?.message,
    extraProblem: values.action.type === "chat" ? (templateProblem ?? undefined) : undefined,
    ready: proposal ? labels.proposals.dialogReady : job ? text.readySave : text.readyCreate,
  });
  const review = useEditReview(form, state.submit, job ? () => templateProblemRef.current : null);
  const submit = review.submit;

  const reload = async () => {
    if (!job) return;
    const fresh = await queryClient.fetchQuery({ ...trpc.jobs.byId.queryOptions({ agentId, jobId: job.id }), staleTime: 0 });
    form.reset(jobToForm(fresh, { timezone: format.timeZone }));
    setRevision(fresh.revision);
    state.clearConflict();
  };

  const actionErrors = errors.action;
  const customErrors = Object.fromEntries((errors.variables ?? []).map?.((row, index) => [index, row?.name?.message ?? row?.value?.message]) ?? []);
  return (
    <DialogForm className="planner-job-form" onSubmit={(event) => void submit(event)} noValidate>
      {review.values && job ? (
        <DialogBody>
          <EditDiff agentId={agentId} jobId={job.id} before={review.before} after={review.values} />
        </DialogBody>
      ) : null}
      <DialogBody hidden={review.values !== null}>
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
            render={({ field }) => <JobScheduleFields value={field.value} onChange={field.onChange} errors={scheduleErrors(errors.schedule)} />}
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
              onNormalize={(next) => settleField(form, "action", next)}
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
      <DialogFormFooter
        className="planner-job-footer"
        tone={review.values && !pending ? "todo" : footer.tone}
        status={pending ? text.saving : review.values ? labels.editLog.reviewStatus : footer.status}
        submitLabel={pending ? text.saving : proposal ? labels.proposals.dialogApprove : job ? text.save : text.create}
        submitDisabled={pending}
        extra={
          review.values ? (
            <Button variant="outline" onClick={review.back} disabled={pending}>
              {labels.editLog.back}
            </Button>
          ) : null
        }
      />
    </DialogForm>
  );
}

/** Whether a schedule being typed fits `catalog.variables`' input (a longer one would be refused, not sampled). */
function fitsSampleInput(schedule: { cron: string; timezone: string }): boolean {
  return schedule.cron.length <= 200 && schedule.timezone.length <= 100;
}
