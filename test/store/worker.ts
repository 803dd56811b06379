/**
 * A second process for the stores' cross-process tests (`<dir>` is a file store directory, or `postgres:<schema>`
 * for the PostgreSQL store on the test server):
 *
 *   node --import tsx test/store/worker.ts <dir> <agentId> increment <count>
 *     adds 1 to the revision of job `job_counter` <count> times, then prints "done"
 *   node --import tsx test/store/worker.ts <dir> <agentId> loop
 *     forever: adds 1 to the counter and appends run number <n>, then prints "ack <n>" (the parent kills it)
 *   node --import tsx test/store/worker.ts <dir> <agentId> exclusive <name> <count>
 *     makes <count> concurrent `appendRunUnlessActive` calls for job `job_counter` (run ids `run_<name>_<i>`),
 *     then prints "inserted <how many were inserted>"
 *   node --import tsx test/store/worker.ts <dir> <agentId> claim <count>
 *     <count> times: claims the next occurrence of job `job_counter` (expected nextRunAt = minute i) and prints
 *     "claimed <how many claims succeeded>"
 *   node --import tsx test/store/worker.ts <dir> <agentId> count <name> <count>
 *     counts <count> deliveries on trigger `trg_counter` (ids `<name>_<i>` and one shared id `same`), then prints "done"
 *   node --import tsx test/store/worker.ts <dir> <agentId> start <name> <count>
 *     <count> concurrent exclusive `startRun` calls for job `job_counter`, then prints "started <how many>"
 *   node --import tsx test/store/worker.ts <dir> <agentId> finish-loop
 *     forever: starts and fails run <n> of `job_counter` (counted on the job), prints "ack <n>" (the parent kills it)
 *   node --import tsx test/store/worker.ts <dir> <agentId> hold
 *     starts an update, prints "holding" from inside it (the agent's lock is held) and never finishes it
 */
import { Job, type PlannerConfig } from "../../src/shared/schemas";
import { fileStore } from "../../src/server/store/file-store";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import { POSTGRES_URL } from "../helpers/postgres";

const COUNTER_ID = "job_counter";

function increment(planner: PlannerConfig): PlannerConfig {
  const counter = planner.jobs.find((job) => job.id === COUNTER_ID);
  if (!counter) {
    const created = Job.parse({
      id: COUNTER_ID,
      name: "Counter",
      schedule: { cron: "0 9 * * *", timezone: "UTC" },
      action: { type: "chat", template: "count" },
      policy: {},
      enabled: true,
      revision: 1,
      createdAt: "2026-03-02T09:00:00.000Z",
      updatedAt: "2026-03-02T09:00:00.000Z",
      state: {},
    });
    return { ...planner, jobs: [...planner.jobs, created] };
  }
  return { ...planner, jobs: planner.jobs.map((job) => (job === counter ? { ...job, revision: job.revision + 1 } : job)) };
}

async function main() {
  const [dir, agentId, mode, count, calls] = process.argv.slice(2);
  if (!dir || !agentId) throw new Error("usage: worker.ts <dir> <agentId> increment <count> | loop");
  // `postgres:<schema>`: the PostgreSQL store on the test server; anything else is a file store directory.
  const store = dir.startsWith("postgres:") ? postgresStore({ connectionString: POSTGRES_URL, schema: dir.slice("postgres:".length), max: 4 }) : fileStore({ dir });
  if (mode === "increment") {
    for (let i = 0; i < Number(count); i++) await store.update(agentId, increment);
    process.stdout.write("done\n");
  } else if (mode === "exclusive") {
    // Here `count` is the name that keeps this worker's run ids apart from the other worker's.
    const results = await Promise.all(
      Array.from({ length: Number(calls) }, (_, i) =>
        store.appendRunUnlessActive(
          {
            id: `run_${count}_${String(i).padStart(6, "0")}`,
            agentId,
            owner: { kind: "job", id: COUNTER_ID },
            cause: "manual",
            createdAt: "2026-03-02T09:00:00.000Z",
            status: "queued",
            attempts: 0,
          },
          { staleQueuedMs: 600_000 },
        ),
      ),
    );
    process.stdout.write(`inserted ${results.filter((result) => result.inserted).length}\n`);
  } else if (mode === "claim") {
    let claimed = 0;
    for (let i = 0; i < Number(count); i++) {
      const minute = (n: number) => new Date(Date.UTC(2026, 2, 2) + n * 60_000).toISOString();
      const result = await store.claimOccurrence(agentId, COUNTER_ID, { expectedNextRunAt: minute(i), expectedScheduleRevision: 1, nextRunAt: minute(i + 1) });
      if (result.claimed) claimed++;
    }
    process.stdout.write(`claimed ${claimed}\n`);
  } else if (mode === "count") {
    const at = new Date(Date.UTC(2026, 2, 2));
    await Promise.all(
      Array.from({ length: Number(calls) }, (_, i) =>
        Promise.all([
          store.countDelivery(agentId, "trg_counter", { deliveryId: `${count}_${i}`, outcome: "fired", at, ttlMs: 3_600_000 }),
          store.countDelivery(agentId, "trg_counter", { deliveryId: "same", outcome: "fired", at, ttlMs: 3_600_000 }),
        ]),
      ),
    );
    process.stdout.write("done\n");
  } else if (mode === "start") {
    const startedAt = "2026-03-02T09:00:00.000Z";
    const results = await Promise.all(
      Array.from({ length: Number(calls) }, (_, i) =>
        store.startRun(
          {
            id: `run_${count}_${String(i).padStart(6, "0")}`,
            agentId,
            owner: { kind: "job", id: COUNTER_ID },
            cause: "schedule",
            createdAt: startedAt,
            scheduledFor: startedAt,
            startedAt,
            status: "running",
            attempts: 0,
          },
          { overlap: "skip", dueAt: "2026-03-02T09:30:00.000Z" },
        ),
      ),
    );
    process.stdout.write(`started ${results.filter((result) => result.started).length}\n`);
  } else if (mode === "finish-loop") {
    for (let n = 1; ; n++) {
      const id = `run_${String(n).padStart(8, "0")}`;
      const createdAt = new Date(Date.UTC(2026, 2, 2) + n * 1000).toISOString();
      await store.startRun(
        { id, agentId, owner: { kind: "job", id: COUNTER_ID }, cause: "manual", createdAt, startedAt: createdAt, status: "running", attempts: 0 },
        { overlap: "allow" },
      );
      await store.finishRun(agentId, id, { status: "failed", finishedAt: createdAt, attempts: 1, error: `boom ${n}` }, { updateOwner: true });
      process.stdout.write(`ack ${n}\n`);
    }
  } else if (mode === "hold") {
    await store.update(agentId, async () => {
      process.stdout.write("holding\n");
      return new Promise<never>(() => {});
    });
  } else if (mode === "loop") {
    for (let n = 1; ; n++) {
      await store.update(agentId, increment);
      await store.appendRun({
        id: `run_${String(n).padStart(8, "0")}`,
        agentId,
        owner: { kind: "job", id: COUNTER_ID },
        cause: "manual",
        createdAt: new Date(Date.UTC(2026, 2, 2) + n * 1000).toISOString(),
        status: "succeeded",
        attempts: 1,
      });
      process.stdout.write(`ack ${n}\n`);
    }
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  // A PostgreSQL pool would keep the process alive: end it now.
  process.exit(1);
});
