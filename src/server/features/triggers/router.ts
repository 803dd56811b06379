import {
  CreateTriggerInput,
  PauseTriggerInput,
  TestTriggerInput,
  TriggerDeliveriesInput,
  TriggerRef,
  TryFilterInput,
  TriggerRunsInput,
  UpdateTriggerInput,
  runStatusList,
} from "../../../shared/schemas";
import { toRunPageView } from "../runs/view";
import { findTrigger, toTriggerView } from "./view";
import { agentProcedure, router } from "../../trpc";
import { createTriggerHandler } from "./create.handler";
import { deleteTriggerHandler, pauseTriggerHandler, resumeTriggerHandler } from "./lifecycle.handler";
import { testTriggerHandler } from "./test.handler";
import { updateTriggerHandler } from "./update.handler";
import { requireComposio } from "./composio";
import { listDeliveriesHandler, tryFilterHandler } from "./try-filter.handler";

/** Trigger procedures need Composio; without it they answer PRECONDITION_FAILED and jobs keep working. */
const triggerProcedure = agentProcedure.use(({ ctx, next }) => {
  requireComposio(ctx.deps);
  return next();
});

export const triggersRouter = router({
  list: triggerProcedure.query(async ({ ctx, input }) => {
    const [planner, active] = await Promise.all([ctx.deps.store.get(input.agentId), ctx.deps.store.activeRuns(input.agentId)]);
    return planner.triggers.map((trigger) => toTriggerView(trigger, active));
  }),
  byId: triggerProcedure.input(TriggerRef).query(async ({ ctx, input }) => {
    const [planner, active] = await Promise.all([ctx.deps.store.get(input.agentId), ctx.deps.store.activeRuns(input.agentId)]);
    return toTriggerView(findTrigger(planner, input.triggerId), active);
  }),
  create: triggerProcedure.input(CreateTriggerInput).mutation(createTriggerHandler),
  update: triggerProcedure.input(UpdateTriggerInput).mutation(updateTriggerHandler),
  delete: triggerProcedure.input(TriggerRef).mutation(deleteTriggerHandler),
  pause: triggerProcedure.input(PauseTriggerInput).mutation(pauseTriggerHandler),
  resume: triggerProcedure.input(TriggerRef).mutation(resumeTriggerHandler),
  test: triggerProcedure.input(TestTriggerInput).mutation(testTriggerHandler),
  /** The trigger's delivery log (the last 50 deliveries with their verdicts), newest first. */
  deliveries: triggerProcedure.input(TriggerDeliveriesInput).query(listDeliveriesHandler),
  /** An unsaved filter and action tried on the trigger's last deliveries: nothing stored or sent (a mutation only so the edited template travels in the body). */
  tryFilter: triggerProcedure.input(TryFilterInput).mutation(tryFilterHandler),
  runs: triggerProcedure.input(TriggerRunsInput).query(async ({ ctx, input }) => {
    findTrigger(await ctx.deps.store.get(input.agentId), input.triggerId);
    const options = { cursor: input.cursor ?? null, limit: input.limit ?? 20, status: runStatusList(input.status) };
    return toRunPageView(await ctx.deps.store.listRuns(input.agentId, { kind: "trigger", id: input.triggerId }, options));
  }),
});
