import type { Action, CreateJobInput, CreateTriggerInput, Job, Run, RunStatus, Trigger } from "../../src/shared/schemas";
import { AGENT_ID, type BrowserPlanner } from "./browser-planner";
import { accountId } from "./fixture-composio";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let sequence = 0;

export const chat = (template: string): Action => ({ type: "chat", template });
export const workflow = (workflowId: string): Action => ({ type: "workflow", workflowId });

/** A chat job in Paris; override anything. */
export function jobInput(name: string, extra: Partial<CreateJobInput> = {}): CreateJobInput {
  return { agentId: AGENT_ID, name, schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" }, action: chat(`Run ${name} for {date}.`), ...extra };
}

const SOURCES = {
  gmail: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: accountId("gmail"), config: { labelIds: "INBOX" } },
  slack: { toolkit: "slack", triggerSlug: "SLACK_RECEIVE_MESSAGE", connectedAccountId: accountId("slack"), config: {} },
  github: { toolkit: "github", triggerSlug: "GITHUB_PULL_REQUEST_EVENT", connectedAccountId: accountId("github"), config: { owner: "acme", repo: "web" } },
} as const;

/** A trigger on one of the fixture toolkits; override anything. */
export function triggerInput(name: string, toolkit: keyof typeof SOURCES = "gmail", extra: Partial<CreateTriggerInput> = {}): CreateTriggerInput {
  return { agentId: AGENT_ID, name, source: { ...SOURCES[toolkit] }, action: chat(`New event for ${name}: {eventType}`), ...extra };
}

/** A finished (or running) run as the engine writes it. */
export function runOf(owner: Run["owner"], status: RunStatus, createdAt: number, extra: Partial<Run> = {}): Run {
  sequence += 1;
  const duration = 800 + ((sequence * 737) % 5200);
  const finished = status !== "running" && status !== "queued";
  return {
    id: `run_story${String(sequence).padStart(6, "0")}`,
    agentId: AGENT_ID,
    owner,
    cause: owner.kind === "job" ? "schedule" : "event",
    createdAt: new Date(createdAt).toISOString(),
    status,
    ...(status === "queued" ? {} : { startedAt: new Date(createdAt + 200).toISOString() }),
    ...(finished ? { finishedAt: new Date(createdAt + 200 + duration).toISOString() } : {}),
    attempts: status === "failed" ? 3 : status === "queued" ? 0 : 1,
    ...(owner.kind === "job"
      ? { scheduledFor: new Date(createdAt).toISOString(), renderedMessage: "Search the job boards for new senior frontend roles posted since yesterday and summarise the best five." }
      : { input: { subject: "Invoice #4821 from Acme Corp", sender: "billing@acme.example" } }),
    ...(status === "failed" ? { error: "The accounting API answered 503 Service Unavailable." } : {}),
    ...(status === "succeeded" ? { result: { threadId: `t${sequence}`, url: `/chat/t${sequence}` } } : {}),
    ...extra,
  };
}

function summaryOf(run: Run) {
  return { runId: run.id, cause: run.cause, status: run.status, at: run.finishedAt ?? run.createdAt, ...(run.error ? { error: run.error } : {}) };
}

/** Writes runs into the history and makes the newest finished one each owner's `lastRun`. */
export async function seedRuns({ store }: BrowserPlanner, runs: Run[]): Promise<void> {
  const ordered = [...runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const run of ordered) await store.appendRun(run, { historyLimit: 50 });
  const last = (id: string) => ordered.filter((run) => run.owner.id === id && run.finishedAt).at(-1);
  await store.update(AGENT_ID, (config) => ({
    ...config,
    jobs: config.jobs.map((job) => {
      const run = last(job.id);
      return run ? { ...job, state: { ...job.state, lastRun: summaryOf(run), lastRunAt: run.createdAt } } : job;
    }),
    triggers: config.triggers.map((trigger) => {
      const run = last(trigger.id);
      const fired = ordered.filter((candidate) => candidate.owner.id === trigger.id).length;
      return run ? { ...trigger, state: { ...trigger.state, lastRun: summaryOf(run), lastFiredAt: run.createdAt, firedCount: fired } } : trigger;
    }),
  }));
}

/** Changes a stored job as the engine would (e.g. after failures). */
export async function updateJob({ store }: BrowserPlanner, jobId: string, change: (job: Job) => Job): Promise<void> {
  await store.update(AGENT_ID, (config) => ({ ...config, jobs: config.jobs.map((job) => (job.id === jobId ? change(job) : job)) }));
}

export async function updateTrigger({ store }: BrowserPlanner, triggerId: string, change: (trigger: Trigger) => Trigger): Promise<void> {
  await store.update(AGENT_ID, (config) => ({ ...config, triggers: config.triggers.map((trigger) => (trigger.id === triggerId ? change(trigger) : trigger)) }));
}

/** A job whose last run failed: enabled, red, with the error on the card. */
export async function failJob(planner: BrowserPlanner, jobId: string, now: number, error = "The chat service answered 503 Service Unavailable."): Promise<void> {
  await seedRuns(planner, [runOf({ kind: "job", id: jobId }, "failed", now - 0.5 * HOUR, { error })]);
  await updateJob(planner, jobId, (job) => ({ ...job, state: { ...job.state, consecutiveFailures: 1 } }));
}

/** A job the engine paused after five failed runs in a row. */
export async function pauseJobAfterFailures(planner: BrowserPlanner, jobId: string, now: number): Promise<void> {
  const error = "The CRM rejected the API token (401).";
  await seedRuns(planner, [5, 4, 3, 2, 1].map((days) => runOf({ kind: "job", id: jobId }, "failed", now - days * DAY - 6 * HOUR, { error })));
  await updateJob(planner, jobId, (job) => {
    const state = { ...job.state, consecutiveFailures: 5, pausedReason: `Paused after 5 failed runs: ${error}` };
    delete state.nextRunAt;
    return { ...job, enabled: false, state };
  });
}

/** A job with a run in progress right now. */
export async function startJobRun(planner: BrowserPlanner, jobId: string, now: number): Promise<void> {
  await planner.store.appendRun(runOf({ kind: "job", id: jobId }, "running", now - 20_000, { cause: "manual" }), { historyLimit: 50 });
}

/** A trigger whose Composio connection expired. */
export async function breakTrigger(planner: BrowserPlanner, triggerId: string, toolkit = "Slack"): Promise<void> {
  await updateTrigger(planner, triggerId, (trigger) => ({ ...trigger, state: { ...trigger.state, connectionError: `The ${toolkit} connection expired. Reconnect the account to receive events.` } }));
}

/** Names near the 100-character limit, to show truncation. */
export const LONG_JOB_NAME = "Quarterly board-meeting preparation and investor update summary for the leadership & advisory board";
export const LONG_TRIGGER_NAME = "Every new message in #customer-escalations that mentions an enterprise account or a renewal date";

export type PanelScenario = "empty" | "populated" | "attention" | "history";

/**
 * The planner a user of a few weeks has: four jobs (one paused, one with a long name), two triggers (one
 * paused), two weeks of history. "attention" adds a failed job, a job paused after failures and a broken trigger.
 */
export async function seedPanel(planner: BrowserPlanner, scenario: PanelScenario, now: number): Promise<void> {
  if (scenario === "empty") return;
  const { caller } = planner;
  const daily = await caller.jobs.create(jobInput("Daily Job Search", { description: "Looks for new senior frontend roles on the usual boards and starts a chat with the five best matches.", action: chat("Find new jobs posted since {date}.") }));
  const check = await caller.jobs.create(jobInput("Job Search Check", { description: "A second pass before lunch.", schedule: { cron: "0 10 * * 1-5", timezone: "Europe/Paris" }, action: chat("Anything new since this morning?") }));
  const weekly = await caller.jobs.create(jobInput("Weekly Report", { description: "Runs the weekly digest workflow for the team.", schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" }, action: workflow("wf_digest") }));
  await caller.jobs.create(jobInput("Quarterly board-meeting preparation and investor update summary for the leadership team", { schedule: { cron: "0 9 1 1,4,7,10 *", timezone: "America/New_York" }, action: chat("Prepare the quarterly update.") }));
  await caller.jobs.pause({ agentId: AGENT_ID, jobId: weekly.id });

  const gmail = await caller.triggers.create(triggerInput("Invoice emails", "gmail", { description: "New mail with an invoice attached goes to the bookkeeping workflow.", action: workflow("wf_digest") }));
  const github = await caller.triggers.create(triggerInput("PR review requests", "github", { action: chat("Review {title}.") }));
  await caller.triggers.pause({ agentId: AGENT_ID, triggerId: github.id });

  const runs: Run[] = [];
  for (let day = 13; day >= 0; day--) {
    const at = now - day * DAY - 30 * 60_000; // 09:00 Paris each day
    runs.push(runOf({ kind: "job", id: daily.id }, day === 4 || day === 9 ? "failed" : "succeeded", at));
    if (day < 10 && day % 3 !== 0) runs.push(runOf({ kind: "job", id: check.id }, day === 7 ? "failed" : "succeeded", at + HOUR));
  }
  for (const hours of [0.4, 1.6, 2.3]) runs.push(runOf({ kind: "trigger", id: gmail.id }, "succeeded", now - hours * HOUR));
  await seedRuns(planner, runs);

  if (scenario === "attention" || scenario === "history") {
    const invoices = await caller.jobs.create(jobInput("Invoice Sync", { description: "Copies new invoices into the accounting system.", schedule: { cron: "0 * * * *", timezone: "Europe/Paris" }, action: workflow("wf_digest") }));
    const crm = await caller.jobs.create(jobInput("CRM Cleanup", { description: "Merges duplicate contacts every night.", schedule: { cron: "30 2 * * *", timezone: "Europe/Paris" }, action: chat("Clean up the CRM.") }));
    const slack = await caller.triggers.create(triggerInput("Support mentions", "slack", { description: "Answers when someone mentions @support in #help.", action: chat("Answer {text}.") }));
    await failJob(planner, invoices.id, now, "The accounting API answered 503 Service Unavailable.");
    await pauseJobAfterFailures(planner, crm.id, now);
    await breakTrigger(planner, slack.id);
  }
}

/** `count` jobs with varied schedules, actions and states (the "50 items" stories). */
export async function seedManyJobs(planner: BrowserPlanner, count: number, now: number): Promise<void> {
  const crons = ["0 9 * * *", "0 * * * *", "30 8 * * 1-5", "0 9 * * 1", "0 9 1 * *", "*/15 * * * *"];
  for (let i = 1; i <= count; i++) {
    const job = await planner.caller.jobs.create(
      jobInput(`Job ${String(i).padStart(2, "0")} · ${["Inbox digest", "Lead follow-up", "Pipeline report", "Standup notes", "Invoice check"][i % 5]}`, {
        schedule: { cron: crons[i % crons.length] ?? "0 9 * * *", timezone: "Europe/Paris" },
        ...(i % 4 === 0 ? { action: workflow("wf_digest") } : {}),
      }),
    );
    if (i % 7 === 0) await planner.caller.jobs.pause({ agentId: AGENT_ID, jobId: job.id });
    if (i % 11 === 0) await failJob(planner, job.id, now);
  }
}

/** `count` triggers across Gmail, Slack and GitHub, some paused, one broken. */
export async function seedManyTriggers(planner: BrowserPlanner, count: number): Promise<void> {
  const toolkits = ["gmail", "slack", "github"] as const;
  for (let i = 1; i <= count; i++) {
    const toolkit = toolkits[i % toolkits.length] ?? "gmail";
    const trigger = await planner.caller.triggers.create(triggerInput(`Trigger ${String(i).padStart(2, "0")} · ${toolkit} events`, toolkit));
    if (i % 6 === 0) await planner.caller.triggers.pause({ agentId: AGENT_ID, triggerId: trigger.id });
    if (i === 13) await breakTrigger(planner, trigger.id, "Slack");
  }
}
