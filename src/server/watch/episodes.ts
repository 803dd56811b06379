import type { Job, PlannerConfig, Trigger, WatchEpisode, WatchProblem } from "../../shared/schemas";
import type { PlannerLimits, PlannerLogger } from "../options";
import type { PlannerStore } from "../store/port";
import { findOverdueJobs, overdueGraceMs } from "../overview/overdue";
import type { Notifier } from "./notifier";
import type { NotificationItem, PlannerNotificationOptions, Watcher } from "./types";

/** What watching needs of the planner's dependencies. */
export interface WatchDeps {
  store: PlannerStore;
  clock: () => Date;
  limits: PlannerLimits;
  logger: PlannerLogger;
}

interface Problem {
  problem: WatchProblem;
  reason: string;
  expectedAt?: string | undefined;
}

type Owner = Job | Trigger;

/** The problems of a job or trigger that its own state tells (overdue needs the schedule and history: passed in). */
function stateProblems(owner: Owner, autoPauseAfter: number): Problem[] {
  const problems: Problem[] = [];
  const { state } = owner;
  if ("connectionError" in state && state.connectionError) problems.push({ problem: "connectionBroken", reason: state.connectionError });
  if (state.consecutiveFailures > 0 || (owner.enabled && state.lastRun?.status === "failed")) {
    problems.push({ problem: "runFailed", reason: state.lastRun?.error ? `The last run failed: ${state.lastRun.error}` : "The last run failed." });
  }
  if (!owner.enabled && state.pausedReason !== undefined && state.consecutiveFailures >= autoPauseAfter) {
    problems.push({ problem: "autoPaused", reason: state.pausedReason });
  }
  return problems;
}

interface Decision {
  kind: "job" | "trigger";
  id: string;
  opened: Problem[];
  recovered: WatchEpisode | null;
}

/**
 * Brings the stored episode of each job and trigger of one agent in step with its problems, in one atomic store
 * update (the store's compare-and-set: of two processes, the one whose update commits first records the change and
 * the other sees it recorded), then notifies what this process recorded: each problem once per episode, and
 * `onRecovered` once when none remains.
 */
export async function watchAgent(deps: WatchDeps, notifier: Notifier, options: PlannerNotificationOptions, agentId: string): Promise<void> {
  const now = deps.clock();
  const planner = await deps.store.get(agentId);
  const overdue = new Map((await findOverdueJobs(deps.store, agentId, planner.jobs, now, overdueGraceMs(deps.limits.misfireGraceMs))).map((entry) => [entry.job.id, entry.expectedAt]));
  const problemsOf = (owner: Owner, kind: "job" | "trigger"): Problem[] => {
    const problems = stateProblems(owner, deps.limits.autoPauseAfter);
    const expectedAt = kind === "job" ? overdue.get(owner.id) : undefined;
    if (expectedAt) problems.push({ problem: "overdue", reason: `The run due at ${expectedAt} has not started.`, expectedAt });
    return problems;
  };
  const needsWrite = (owner: Owner, kind: "job" | "trigger") => {
    const problems = problemsOf(owner, kind);
    const episode = owner.state.watch;
    if (!episode) return problems.length > 0;
    return problems.length === 0 || problems.some((p) => !episode.notified.some((n) => n.problem === p.problem));
  };
  if (!planner.jobs.some((job) => needsWrite(job, "job")) && !planner.triggers.some((trigger) => needsWrite(trigger, "trigger"))) return;

  const token = crypto.randomUUID();
  let decisions: Decision[] = [];
  const at = now.toISOString();
  const settle = <T extends Owner>(owner: T, kind: "job" | "trigger"): T => {
    const problems = problemsOf(owner, kind);
    const episode = owner.state.watch;
    if (problems.length === 0) {
      if (!episode) return owner;
      decisions.push({ kind, id: owner.id, opened: [], recovered: episode });
      const { watch: _closed, ...state } = owner.state;
      return { ...owner, state };
    }
    const opened = problems.filter((p) => !episode?.notified.some((n) => n.problem === p.problem));
    if (opened.length === 0) return owner;
    decisions.push({ kind, id: owner.id, opened, recovered: null });
    const notified = [...(episode?.notified ?? []), ...opened.map((p) => ({ problem: p.problem, at, token }))];
    return { ...owner, state: { ...owner.state, watch: { since: episode?.since ?? at, notified } } };
  };
  // `fn` may run more than once (an adapter retrying on contention): what its last call decided is what was stored.
  const stored: PlannerConfig = await deps.store.update(agentId, (current) => {
    decisions = [];
    return { ...current, jobs: current.jobs.map((job) => settle(job, "job")), triggers: current.triggers.map((trigger) => settle(trigger, "trigger")) };
  });

  const links = { ...(options.notificationLinks?.(agentId) ?? {}) };
  for (const decision of decisions) {
    const owner: Owner | undefined = decision.kind === "job" ? stored.jobs.find((j) => j.id === decision.id) : stored.triggers.find((t) => t.id === decision.id);
    const source = owner ?? (decision.kind === "job" ? planner.jobs.find((j) => j.id === decision.id) : planner.triggers.find((t) => t.id === decision.id));
    if (!source) continue;
    const item: NotificationItem = { kind: decision.kind, id: source.id, name: source.name, ...("source" in source ? { toolkit: source.source.toolkit } : {}) };
    const run = source.state.lastRun;
    const runLinks = run ? await resultLink(deps, agentId, run.runId) : {};
    const base = { agentId, item, ...(run ? { run } : {}), at, links: { ...links, ...runLinks } };
    if (decision.recovered) {
      const problems = decision.recovered.notified.map((n) => n.problem);
      void notifier.send({ ...base, type: "recovered", since: decision.recovered.since, problems, reason: `Recovered: ${problems.join(", ")} no longer applies.` });
      continue;
    }
    const since = owner?.state.watch?.since ?? at;
    for (const problem of decision.opened) {
      void notifier.send({ ...base, type: problem.problem, since, reason: problem.reason, ...(problem.expectedAt ? { expectedAt: problem.expectedAt } : {}) });
    }
  }
}

async function resultLink(deps: WatchDeps, agentId: string, runId: string): Promise<{ result?: string }> {
  try {
    const url = (await deps.store.getRun(agentId, runId))?.result?.url;
    return url ? { result: url } : {};
  } catch {
    return {};
  }
}

export function createWatcher(deps: WatchDeps, notifier: Notifier, options: PlannerNotificationOptions): Watcher {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  function agent(agentId: string): Promise<void> {
    if (!notifier.enabled) return Promise.resolve();
    const current = running.get(agentId);
    if (current) {
      again.add(agentId);
      return current;
    }
    const pass = (async () => {
      do {
        again.delete(agentId);
        try {
          await watchAgent(deps, notifier, options, agentId);
        } catch (error) {
          deps.logger.warn("planner: could not check an agent for notifications", { agentId, error: String(error) });
        }
      } while (again.has(agentId));
    })().finally(() => running.delete(agentId));
    running.set(agentId, pass);
    return pass;
  }

  return {
    enabled: notifier.enabled,
    agent,
    async all() {
      if (!notifier.enabled) return;
      try {
        for (const agentId of await deps.store.agents()) await agent(agentId);
      } catch (error) {
        deps.logger.warn("planner: could not list agents for notifications", { error: String(error) });
      }
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running.values()]);
      await notifier.settled();
    },
  };
}
