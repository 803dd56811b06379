import type { AgentInput, BulkItem, Job, Trigger } from "../../../shared/schemas";
import { createKeyedMutex, type KeyedMutex } from "../../store/core/keyed-mutex";
import type { PlannerStore } from "../../store/port";
import { baseStoreOf } from "../history/audit";
import { pausedJob, resumedJob } from "../jobs/pause-resume.handler";
import { setTriggerEnabled } from "../triggers/lifecycle.handler";
import { BULK_CONCURRENCY } from "./apply.handler";
import type { PauseAllContext } from "./context";
import { eachItem, failureOf, summarize, type BulkItemResult, type BulkResult } from "./results";

/** What "Pause all" / "Resume all" did: a result per item it acted on, and how many it left as they were. */
export interface PauseAllResult extends BulkResult {
  /** Pause all: items already paused (they stay paused after "Resume all"). Resume all: items paused otherwise. */
  unchanged: number;
}

// One "Pause all" / "Resume all" at a time per agent and store in this process: thirty clicks act once, the others
// find nothing left to do. Every step is also checked inside the store's atomic update, which covers other processes.
const locks = new WeakMap<object, KeyedMutex>();
function lockOf(store: PlannerStore): KeyedMutex {
  // Keyed by the store the calls write through: each user's calls see an audited copy of it (edit log).
  const base = baseStoreOf(store);
  let lock = locks.get(base);
  if (!lock) locks.set(base, (lock = createKeyedMutex()));
  return lock;
}

const isMarked = (owner: Job | Trigger) => !owner.enabled && owner.state.pausedBy === "pause-all";

async function triggerResults(ctx: PauseAllContext, agentId: string, triggers: Trigger[], enabled: boolean): Promise<BulkItemResult[]> {
  return eachItem(triggers, BULK_CONCURRENCY, async (trigger): Promise<BulkItemResult> => {
    const item: BulkItem = { kind: "trigger", id: trigger.id };
    try {
      if (enabled) await setTriggerEnabled(ctx, { agentId, triggerId: trigger.id }, true, { when: isMarked });
      else await setTriggerEnabled(ctx, { agentId, triggerId: trigger.id }, false, { pausedBy: "pause-all", when: (t) => t.enabled });
      return { ...item, ok: true };
    } catch (error) {
      return failureOf(item, error, ctx.deps.logger);
    }
  });
}

/**
 * Pauses every enabled job and trigger of the agent and marks each `pausedBy: "pause-all"`, so that "Resume all"
 * resumes exactly these: items already paused keep no mark and stay paused. Jobs in one atomic step; triggers one
 * by one (Composio first), a trigger Composio refuses is reported and stays enabled.
 */
export function pauseAllHandler({ ctx, input }: { ctx: PauseAllContext; input: AgentInput }): Promise<PauseAllResult> {
  const { store } = ctx.deps;
  return lockOf(store).run(input.agentId, async () => {
    const now = ctx.deps.clock();
    let jobs: BulkItemResult[] = [];
    const planner = await store.update(input.agentId, (current) => {
      jobs = current.jobs.filter((job) => job.enabled).map((job) => ({ kind: "job", id: job.id, ok: true }));
      if (jobs.length === 0) return current;
      return { ...current, jobs: current.jobs.map((job) => (job.enabled ? pausedJob(job, now, { pausedBy: "pause-all" }) : job)) };
    });
    const enabledTriggers = planner.triggers.filter((trigger) => trigger.enabled);
    const triggers = await triggerResults(ctx, input.agentId, enabledTriggers, false);
    const unchanged = planner.jobs.length - jobs.length + planner.triggers.length - enabledTriggers.length;
    return { ...summarize([...jobs, ...triggers]), unchanged };
  });
}

/**
 * Resumes the jobs and triggers "Pause all" paused (and nothing else): a job or trigger paused before it, or
 * paused again by hand after it, stays paused. A trigger Composio refuses is reported and keeps its mark, so
 * another "Resume all" tries it again.
 */
export function resumeAllHandler({ ctx, input }: { ctx: PauseAllContext; input: AgentInput }): Promise<PauseAllResult> {
  const { store } = ctx.deps;
  return lockOf(store).run(input.agentId, async () => {
    const now = ctx.deps.clock();
    let jobs: BulkItemResult[] = [];
    const planner = await store.update(input.agentId, (current) => {
      jobs = current.jobs.filter(isMarked).map((job) => ({ kind: "job", id: job.id, ok: true }));
      if (jobs.length === 0) return current;
      return { ...current, jobs: current.jobs.map((job) => (isMarked(job) ? resumedJob(job, now) : job)) };
    });
    if (jobs.length > 0) ctx.deps.scheduleChanged();
    const markedTriggers = planner.triggers.filter(isMarked);
    const triggers = await triggerResults(ctx, input.agentId, markedTriggers, true);
    const paused = (owner: Job | Trigger) => !owner.enabled;
    const unchanged = planner.jobs.filter(paused).length + planner.triggers.filter(paused).length - markedTriggers.length;
    return { ...summarize([...jobs, ...triggers]), unchanged };
  });
}
