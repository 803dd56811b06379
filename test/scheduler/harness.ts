import type { InProcessSchedulerOptions } from "../../src/server/scheduler";
import { createInProcessScheduler } from "../../src/server/scheduler";
import type { PlannerExecutors, PlannerLimits, PlannerOptions, RunSource } from "../../src/server/options";
import type { CreateJobInput, Job } from "../../src/shared/schemas";
import { memoryStore, type PlannerStore } from "../../src/server/store";
import { testPlanner } from "../helpers/planner";
import { simulation, type Simulation } from "./simulation";

/** "Job", then "Job 2", "Job 3"…: names are unique per agent. */
let jobsNamed = 0;
const nextJobName = () => (++jobsNamed === 1 ? "Job" : `Job ${jobsNamed}`);

/** One executor call, with the simulated instant it was made at. */
export interface ExecutorCall {
  at: number;
  agentId: string;
  source: RunSource;
  idempotencyKey: string;
}

/**
 * Executors that record every call. `behave` decides each call's outcome: resolve (default), throw, or return
 * a promise the test settles itself.
 */
export function recordingExecutors(sim: Simulation) {
  const calls: ExecutorCall[] = [];
  let behave: (call: ExecutorCall) => Promise<void> = () => Promise.resolve();
  async function record(agentId: string, source: RunSource, idempotencyKey: string) {
    const call = { at: sim.now(), agentId, source, idempotencyKey };
    calls.push(call);
    await behave(call);
    return call;
  }
  const executors: PlannerExecutors = {
    async startChat({ agentId, source, idempotencyKey }) {
      await record(agentId, source, idempotencyKey);
      return { threadId: `thread-${calls.length}` };
    },
    async runWorkflow({ agentId, source, idempotencyKey }) {
      await record(agentId, source, idempotencyKey);
      return { workflowRunId: `wfrun-${calls.length}` };
    },
  };
  return {
    executors,
    calls,
    behave(fn: (call: ExecutorCall) => Promise<void>) {
      behave = fn;
    },
  };
}

export function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface HarnessOptions {
  start: string;
  store?: PlannerStore;
  sim?: Simulation;
  scheduler?: InProcessSchedulerOptions;
  executors?: PlannerExecutors;
  limits?: Partial<PlannerLimits>;
  /** More planner options (notifications, a logger…). */
  planner?: Partial<PlannerOptions>;
}

/** A planner on simulated time, an in-process scheduler on fake timers, and recording executors. */
export function schedulerHarness(options: HarnessOptions) {
  const sim = options.sim ?? simulation(options.start);
  const exec = recordingExecutors(sim);
  const store = sim.track(options.store ?? memoryStore());
  const t = testPlanner(
    {
      store,
      clock: sim.clock,
      executors: options.executors ?? exec.executors,
      canAccessAgent: () => true,
      limits: { maxJobsPerAgent: 500, ...options.limits },
      ...options.planner,
    },
    options.start,
  );
  const scheduler = createInProcessScheduler(t.planner.deps, { timers: sim.timers, ...options.scheduler });

  async function createJob(agentId: string, input: Partial<CreateJobInput> & Pick<CreateJobInput, "schedule">): Promise<Job> {
    const view = await t.caller().jobs.create({ agentId, name: nextJobName(), action: { type: "chat", template: "Hello {scheduledFor}" }, ...input });
    scheduler.wake();
    const job = (await store.get(agentId)).jobs.find((candidate) => candidate.id === view.id);
    if (!job) throw new Error("the created job is not stored");
    return job;
  }

  return { sim, store, exec, scheduler, planner: t.planner, caller: t.caller, createJob };
}

/** The occurrence a scheduled run id stands for: `job_…@2026-…Z` → [jobId, scheduledFor]. */
export function parseRunId(runId: string): [jobId: string, scheduledFor: string] {
  const at = runId.indexOf("@");
  if (at < 0) throw new Error(`${runId} is not a scheduled run id`);
  return [runId.slice(0, at), runId.slice(at + 1)];
}
