"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { usePlanner } from "../../client/trpc";
import { jobFormToFields, type JobForm } from "../../shared/schemas";
import { outcomeOfError, type SaveOutcome } from "../dialog-shell";

type SavedJob = { id: string; name: string; revision: number };

/** Creates or updates a job from form values; the answer says what the dialog should show. */
export function useSaveJob(agentId: string, jobId: string | undefined, proposalId?: string) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.jobs.create.mutationOptions());
  const update = useMutation(trpc.jobs.update.mutationOptions());
  const approve = useMutation(trpc.proposals.approve.mutationOptions());
  const save = async (values: JobForm, expectedRevision: number | undefined): Promise<SaveOutcome<SavedJob>> => {
    const fields = jobFormToFields(values);
    try {
      // A proposal reviewed in the dialog: saving approves it with the edits.
      if (proposalId) {
        const job = await approve.mutateAsync({ agentId, proposalId, job: fields });
        await Promise.all([queryClient.invalidateQueries(trpc.jobs.pathFilter()), queryClient.invalidateQueries(trpc.proposals.pathFilter())]);
        return { kind: "saved", record: job };
      }
      const job =
        jobId && expectedRevision !== undefined
          ? await update.mutateAsync({ ...fields, agentId, jobId, expectedRevision })
          : await create.mutateAsync({ ...fields, agentId });
      await queryClient.invalidateQueries(trpc.jobs.pathFilter());
      return { kind: "saved", record: job };
    } catch (error) {
      return outcomeOfError(error);
    }
  };
  return { save, pending: create.isPending || update.isPending || approve.isPending };
}
