/**
 * A planner process for the crash tests (test/engine/crash.test.ts):
 *
 *   node --import tsx test/engine/crash-worker.ts <store> <callsFile> <phase> <runId>
 *
 * `<store>` is a file store directory or `postgres:<schema>`. It starts a planner (in-process scheduler, 1 s leases)
 * whose executor records each call in `<callsFile>` (one line per call, "effect" the first time a key is seen: the
 * host's dedupe by idempotency key), dispatches run `<runId>` of job `job_crash0001` ("run now"), and stops at
 * `<phase>`, printing it so the parent can SIGKILL it there:
 *   before — the run is stored as running, the executor not called yet;
 *   during — the executor was called and has not answered;
 *   after  — the executor answered, the answer is not recorded yet.
 * With `<phase>` = `recover` it only starts the planner (taking over what a killed process left), waits until the
 * run ended and prints "ended <status>".
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createPlanner } from "../../src/server/planner";
import type { PlannerExecutors } from "../../src/server/options";
import { fileStore } from "../../src/server/store/file-store";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import type { PlannerStore } from "../../src/server/store";
import { Job } from "../../src/shared/schemas";
import { POSTGRES_URL } from "../helpers/postgres";

const [storeSpec, callsFile, phase, runId] = process.argv.slice(2) as [string, string, string, string];
const AGENT = "agent-1";
const JOB_ID = "job_crash0001";
const hang = () => new Promise<never>(() => {});

const inner: PlannerStore = storeSpec.startsWith("postgres:")
  ? postgresStore({ connectionString: POSTGRES_URL, schema: storeSpec.slice("postgres:".length), max: 4 })
  : fileStore({ dir: storeSpec });

// The fault points: after the store took the write (running / the answer), this process stops before going on.
const store: PlannerStore = {
  ...inner,
  async startRun(run, options) {
    const started = await inner.startRun(run, options);
    if (phase === "before" && started.started) {
      process.stdout.write("before\n");
      await hang();
    }
    return started;
  },
  async finishRun(agentId, id, ending, options) {
    if (phase === "after") {
      process.stdout.write("after\n");
      await hang();
    }
    return inner.finishRun(agentId, id, ending, options);
  },
};

function record(key: string): void {
  const seen = existsSync(callsFile) && readFileSync(callsFile, "utf8").split("\n").some((line) => line.endsWith(` ${key}`) && line.startsWith("effect"));
  appendFileSync(callsFile, `${seen ? "call" : "effect"} ${process.pid} ${key}\n`);
}

const executors: PlannerExecutors = {
  async startChat({ idempotencyKey }) {
    record(idempotencyKey);
    if (phase === "during") {
      process.stdout.write("during\n");
      await hang();
    }
    return { threadId: `thread-${idempotencyKey}` };
  },
  runWorkflow: ({ idempotencyKey }) => Promise.resolve({ workflowRunId: `wf-${idempotencyKey}` }),
};

const planner = createPlanner({
  store,
  auth: () => null,
  canAccessAgent: () => true,
  executors,
  scheduler: { leaseMs: 1_000, backoffMs: () => 10 },
  logger: { debug() {}, info() {}, warn() {}, error: (message, fields) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`) },
});

async function main() {
  if (phase === "recover") {
    await planner.start();
    for (;;) {
      const run = await store.getRun(AGENT, runId);
      if (run && run.status !== "queued" && run.status !== "running") {
        process.stdout.write(`ended ${run.status}\n`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await planner.stop();
    await store.close();
    return;
  }
  const now = new Date().toISOString();
  await store.update(AGENT, (planner) =>
    planner.jobs.some((job) => job.id === JOB_ID)
      ? planner
      : {
          ...planner,
          jobs: [
            Job.parse({
              id: JOB_ID,
              name: "Crash",
              schedule: { cron: "0 9 1 1 *", timezone: "UTC" },
              action: { type: "chat", template: "Hello" },
              policy: { misfire: "runOnce", overlap: "allow" },
              enabled: true,
              revision: 1,
              createdAt: now,
              updatedAt: now,
              state: { consecutiveFailures: 0, scheduleRevision: 1 },
            }),
          ],
        },
  );
  await planner.start();
  const job = (await store.getJob(AGENT, JOB_ID))!;
  await planner.deps.manualDispatcher.dispatchManual({
    kind: "job",
    request: { runId, agentId: AGENT, jobId: JOB_ID, cause: "manual", scheduledFor: now, scheduleRevision: job.state.scheduleRevision },
  });
  await hang();
}

await main();
