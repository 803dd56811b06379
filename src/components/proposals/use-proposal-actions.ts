"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLabels } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { useAnnounce } from "../cards/announcer";
import type { ProposalItem } from "./types";

/** Approve and reject for one proposal; results are announced, and the proposals and jobs are read again. */
export function useProposalActions(agentId: string, proposal: ProposalItem) {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const labels = useLabels().proposals;
  const announce = useAnnounce();
  const name = proposal.job.name;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.proposals.pathFilter()),
      queryClient.invalidateQueries(trpc.jobs.pathFilter()),
      queryClient.invalidateQueries(trpc.overview.queryFilter({ agentId })),
    ]);
  const fail = (error: { message: string }) => announce(labels.failed(name, error.message), "assertive");
  const approve = useMutation(trpc.proposals.approve.mutationOptions({ onSuccess: () => announce(labels.approved(name)), onError: fail, onSettled: refresh }));
  const reject = useMutation(trpc.proposals.reject.mutationOptions({ onSuccess: () => announce(labels.rejected(name)), onError: fail, onSettled: refresh }));
  const ref = { agentId, proposalId: proposal.id };
  return {
    approve: () => approve.mutate(ref),
    reject: () => reject.mutate(ref),
    approving: approve.isPending,
    rejecting: reject.isPending,
  };
}
