import type { Job, Run, RunStatus, Trigger } from "../../../src/shared/schemas";
import { AGENT_ID, type BrowserPlanner } from "../shared/browser-planner";

export type Scenario = "empty" | "populated" | "attention" | "history";

const HOUR = 3_600_000;
let sequence = 0;

function run(owner: Run["owner"], status: RunStatus, createdAt: number, extra: Partial<Run> = {}): Run {
  sequence += 1;
  const duration = 800 + ((sequence * 737) % 5200);
  return {
    id: `run_screens${String(sequence).padStart(5, "0")}`,
    agentId: AGENT_ID,
    owner,
    cause: owner.kind === "job" ? "schedule" : "event",
    createdAt: new Date(createdAt).toISOString(),
    status,
    startedAt: new Date(createdAt + 200).toISOString(),
    finishedAt: new Date(createdAt + 200 + duration).toISOString(),
    attempts: status === "failed" ? 3 : 1,
    ...(owner.kind === "job"
      ? { scheduledFor: new Date(createdAt).toISOString(), renderedMessage: "Search the job boards for new senior frontend roles posted since yesterday and summarise the best five." }
      : { input: { subject: "Invoice #4821 from Acme Corp", from: "billing@acme.example" } }),
    ...(status === "failed" ? { error: "The accounting API answered 503 Service Unavailable." } : { result: { threadId: `t${sequence}`, url: `/chat/t${sequence}` } }),
    ...extra,
  };
}

function lastRunOf(r: Run) {
  return { runId: r.id, cause: r.cause, status: r.status, at: r.finishedAt ?? r.createdAt, ...(r.error ? { error: r.error } : {}) };
}

/** Seeds the planner for one screenshot scenario, relative to `now`. */
export async function seed(planner: BrowserPlanner, scenario: Scenario, now: number): Promise<void> {
  if (scenario === "empty") return;
  const { caller, store } = planner;
  const chat = (template: string) => ({ type: "chat" as const, template });
  const daily = await caller.jobs.create({ agentId: AGENT_ID, name: "Daily Job Search", description: "Looks for new senior frontend roles on the usual boards and starts a chat with the five best matches.", schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" }, action: chat("Find new jobs posted since {date}.") });
  const check = await caller.jobs.create({ agentId: AGENT_ID, name: "Job Search Check", description: "A second pass before lunch.", schedule: { cron: "0 10 * * 1-5", timezone: "Europe/Paris" }, action: chat("Anything new since this morning?") });
  const weekly = await caller.jobs.create({ agentId: AGENT_ID, name: "Weekly Report", description: "Runs the weekly digest workflow for the team.", schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" }, action: { type: "workflow", workflowId: "wf_digest" } });
  await caller.jobs.create({ agentId: AGENT_ID, name: "Quarterly board-meeting preparation and investor update summary for the leadership team", schedule: { cron: "0 9 1 1,4,7,10 *", timezone: "America/New_York" }, action: chat("Prepare the quarterly update.") });
  await caller.jobs.pause({ agentId: AGENT_ID, jobId: weekly.id });

  const gmail = await caller.triggers.create({ agentId: AGENT_ID, name: "Invoice emails", description: "New mail with an invoice attached goes to the bookkeeping workflow.", source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} }, action: { type: "workflow", workflowId: "wf_digest" } });
  const github = await caller.triggers.create({ agentId: AGENT_ID, name: "PR review requests", source: { toolkit: "github", triggerSlug: "GITHUB_PULL_REQUEST_EVENT", config: {} }, action: chat("Review {title}.") });
  await caller.triggers.pause({ agentId: AGENT_ID, triggerId: github.id });

  const runs: Run[] = [];
  for (let day = 13; day >= 0; day--) {
    const at = now - day * 24 * HOUR - 30 * 60_000; // 09:00 Paris each day
    runs.push(run({ kind: "job", id: daily.id }, day === 4 || day === 9 ? "failed" : "succeeded", at));
    if (day < 10 && day % 3 !== 0) runs.push(run({ kind: "job", id: check.id }, day === 7 ? "failed" : "succeeded", at + HOUR));
  }
  for (const hours of [0.4, 1.6, 2.3]) runs.push(run({ kind: "trigger", id: gmail.id }, "succeeded", now - hours * HOUR));
  for (const r of runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) await store.appendRun(r, { historyLimit: 50 });
  const latest = (id: string) => runs.filter((r) => r.owner.id === id).at(-1)!;

  const problems: Record<string, (job: Job) => Job> = {};
  const triggerProblems: Record<string, (trigger: Trigger) => Trigger> = {};
  if (scenario === "attention" || scenario === "history") {
    const invoices = await caller.jobs.create({ agentId: AGENT_ID, name: "Invoice Sync", description: "Copies new invoices into the accounting system.", schedule: { cron: "0 * * * *", timezone: "Europe/Paris" }, action: { type: "workflow", workflowId: "wf_digest" } });
    const crm = await caller.jobs.create({ agentId: AGENT_ID, name: "CRM Cleanup", description: "Merges duplicate contacts every night.", schedule: { cron: "30 2 * * *", timezone: "Europe/Paris" }, action: chat("Clean up the CRM.") });
    const slack = await caller.triggers.create({ agentId: AGENT_ID, name: "Support mentions", description: "Answers when someone mentions @support in #help.", source: { toolkit: "slack", triggerSlug: "SLACK_RECEIVE_MESSAGE", config: {} }, action: chat("Answer {text}.") });
    const failed = run({ kind: "job", id: invoices.id }, "failed", now - 0.5 * HOUR);
    const crmRuns = [5, 4, 3, 2, 1].map((d) => run({ kind: "job", id: crm.id }, "failed", now - d * 24 * HOUR - 6 * HOUR, { error: "The CRM rejected the API token (401)." }));
    for (const r of [...crmRuns, failed]) await store.appendRun(r, { historyLimit: 50 });
    problems[invoices.id] = (job) => ({ ...job, state: { ...job.state, lastRun: lastRunOf(failed), consecutiveFailures: 1 } });
    problems[crm.id] = (job) => {
      const state = { ...job.state, lastRun: lastRunOf(crmRuns.at(-1)!), consecutiveFailures: 5, pausedReason: "Paused after 5 failed runs: The CRM rejected the API token (401)." };
      delete state.nextRunAt;
      return { ...job, enabled: false, state };
    };
    triggerProblems[slack.id] = (trigger) => ({ ...trigger, state: { ...trigger.state, connectionError: "The Slack connection expired. Reconnect the account to receive events." } });
  }

  await store.update(AGENT_ID, (config) => ({
    ...config,
    jobs: config.jobs.map((job) => {
      const last = runs.filter((r) => r.owner.id === job.id).at(-1);
      const withLast = last ? { ...job, state: { ...job.state, lastRun: lastRunOf(last), lastRunAt: last.createdAt } } : job;
      return problems[job.id]?.(withLast) ?? withLast;
    }),
    triggers: config.triggers.map((trigger) => {
      const last = trigger.id === gmail.id ? latest(gmail.id) : undefined;
      const withLast = last ? { ...trigger, state: { ...trigger.state, lastRun: lastRunOf(last), lastFiredAt: last.createdAt, firedCount: 3 } } : trigger;
      return triggerProblems[trigger.id]?.(withLast) ?? withLast;
    }),
  }));
}
