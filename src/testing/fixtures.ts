import { Job, type PlannerConfig, Run, type RunOwner, Trigger } from "../shared/schemas";

/** A fixed instant the fixtures are built around. */
export const T0 = Date.parse("2026-03-02T09:00:00.000Z");

/** `T0 + minutes` as an ISO string. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

/**
 * A valid job; `n` makes the id (`job_000001`). Parsed with the schema, so it has every default a stored job
 * has and stays comparable with what a store returns as the schema grows.
 */
export function makeJob(n: number, overrides: Partial<Job> & { nextRunAt?: string } = {}): Job {
  const { nextRunAt, ...rest } = overrides;
  return Job.parse({
    id: `job_${String(n).padStart(6, "0")}`,
    name: `Job ${n}`,
    schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" },
    action: { type: "chat", template: "Good morning, {agentName}!" },
    policy: { misfire: "runOnce", overlap: "skip" },
    enabled: true,
    revision: 1,
    createdAt: at(-60),
    updatedAt: at(-60),
    state: { consecutiveFailures: 0, ...(nextRunAt ? { nextRunAt } : {}) },
    ...rest,
  });
}

/** A valid trigger linked to Composio trigger `composioTriggerId` (omit it for an unlinked one). */
export function makeTrigger(n: number, composioTriggerId?: string): Trigger {
  return Trigger.parse({
    id: `trg_${String(n).padStart(6, "0")}`,
    name: `Trigger ${n}`,
    source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} },
    action: { type: "workflow", workflowId: "triage" },
    enabled: true,
    revision: 1,
    createdAt: at(-60),
    updatedAt: at(-60),
    ...(composioTriggerId ? { composioTriggerId } : {}),
    state: { firedCount: 0, filteredCount: 0, duplicateCount: 0, consecutiveFailures: 0 },
  });
}

/** A valid run of `owner`, created `minute` minutes after T0; `n` makes the id (`run_000001`). */
export function makeRun(agentId: string, owner: RunOwner, n: number, overrides: Partial<Run> = {}): Run {
  return Run.parse({
    id: `run_${String(n).padStart(6, "0")}`,
    agentId,
    owner,
    cause: "manual",
    createdAt: at(n),
    status: "succeeded",
    attempts: 1,
    ...overrides,
  });
}

export function withJobs(...jobs: Job[]): PlannerConfig {
  return { jobs, triggers: [] };
}

/**
 * A small planner as a host would store it: a daily chat job, a weekly workflow job (paused) and a Gmail trigger
 * linked to Composio trigger `ti_fixture`. Valid against the schemas; for a host's own tests.
 */
export function fixturePlanner(): PlannerConfig {
  return {
    jobs: [
      makeJob(1, { name: "Morning briefing", nextRunAt: at(24 * 60) }),
      makeJob(2, {
        name: "Weekly report",
        schedule: { cron: "0 9 * * 1", timezone: "America/New_York" },
        action: { type: "workflow", workflowId: "weekly-report" },
        enabled: false,
      }),
    ],
    triggers: [makeTrigger(1, "ti_fixture")],
  };
}
