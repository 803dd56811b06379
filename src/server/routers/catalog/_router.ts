import { ConnectedAccountsInput, TriggerTypeInput, TriggerTypesInput, VariablesInput } from "../../../shared/schemas";
import { eventVariableCatalog, jobVariableCatalog } from "../../../shared/variables";
import { findJob } from "../../jobs/view";
import { requireComposio } from "../../triggers/composio";
import { agentProcedure, protectedProcedure, router } from "../../trpc";

export const catalogRouter = router({
  /** The agent's workflows, for the "execute workflow" action. Empty when the host gave no catalog. */
  workflows: agentProcedure.query(async ({ ctx, input }) => {
    if (!ctx.deps.catalog) return [];
    return ctx.deps.catalog.workflows(input.agentId);
  }),

  /** Apps that have triggers (Composio toolkits). */
  toolkits: protectedProcedure.query(({ ctx }) => requireComposio(ctx.deps).listToolkits()),

  /** The events of one app, paged. */
  triggerTypes: protectedProcedure.input(TriggerTypesInput).query(({ ctx, input }) =>
    requireComposio(ctx.deps).listTriggerTypes(input.toolkit, { cursor: input.cursor ?? undefined, limit: input.limit }),
  ),

  /** One event type with its config and payload JSON Schemas. */
  triggerType: protectedProcedure.input(TriggerTypeInput).query(({ ctx, input }) => requireComposio(ctx.deps).getTriggerType(input.slug)),

  /** The signed-in user's connected accounts for an app. */
  connectedAccounts: protectedProcedure.input(ConnectedAccountsInput).query(({ ctx, input }) =>
    requireComposio(ctx.deps).listConnectedAccounts(ctx.user.userId, input.toolkit),
  ),

  /** Variables a template can use, with descriptions and examples, for the editor. */
  variables: agentProcedure.input(VariablesInput).query(async ({ ctx, input }) => {
    if (input.kind === "job") {
      const job = input.jobId ? findJob(await ctx.deps.store.get(input.agentId), input.jobId) : undefined;
      return jobVariableCatalog(job);
    }
    const type = await requireComposio(ctx.deps).getTriggerType(input.triggerSlug);
    return eventVariableCatalog({ toolkit: type.toolkit, triggerSlug: type.slug, payloadSchema: type.payload });
  }),
});
