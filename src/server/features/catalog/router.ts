import { ConnectedAccountsInput, TriggerTypeInput, TriggerTypesInput, VariablesInput } from "../../../shared/schemas";
import { requireComposio } from "../triggers/composio";
import { agentProcedure, protectedProcedure, router } from "../../trpc";
import { variablesHandler } from "./variables.handler";

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

  /** Variables a template can use, each with a description and a sample value for the editor's preview. */
  variables: agentProcedure.input(VariablesInput).query(variablesHandler),
});
