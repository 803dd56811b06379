"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { usePlanner } from "../../client/trpc";
import { jobFormToFields, type JobForm } from "../../shared/schemas";

export type SaveOutcome =
  | { kind: "saved"; job: { id: string; name: string; revision: number } }
  | { kind: "conflict" }
  | { kind: "invalid"; fieldErrors: { path: string; message: string }[]; message: string }
  | { kind: "failed"; message: string };

/** Creates or updates a job from form values; the answer says what the dialog should show. */
export function useSaveJob(agentId: string, jobId: string | undefined) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.jobs.create.mutationOptions());
  const update = useMutation(trpc.jobs.update.mutationOptions());
  const save = async (values: JobForm, expectedRevision: number | undefined): Promise<SaveOutcome> => {
    const fields = jobFormToFields(values);
    try {
      const job =
        jobId && expectedRevision !== undefined
          ? await update.mutateAsync({ ...fields, agentId, jobId, expectedRevision })
          : await create.mutateAsync({ ...fields, agentId });
      await queryClient.invalidateQueries(trpc.jobs.pathFilter());
      return { kind: "saved", job };
    } catch (error) {
      if (!isTRPCClientError(error)) return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
      const data = error.data as { code?: string | undefined; fieldErrors?: { path: string; message: string }[] | null | undefined } | undefined;
      if (data?.code === "CONFLICT") return { kind: "conflict" };
      if (data?.fieldErrors?.length) return { kind: "invalid", fieldErrors: data.fieldErrors, message: error.message };
      return { kind: "failed", message: error.message };
    }
  };
  return { save, pending: create.isPending || update.isPending };
}
