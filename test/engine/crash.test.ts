/**
 * Issue 21: a SIGKILL at every step of a run — before the executor is called, while it runs, after it answered —
 * ends with the run finished, its effect made once (the executor is called again only with the same idempotency
 * key, which the host dedupes) and nothing lost, on the SQLite file store and on PostgreSQL.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adminClient, postgresAvailable, uniqueSchema } from "../helpers/postgres";

const WORKER = resolve(import.meta.dirname, "./crash-worker.ts");

function runWorker(args: string[], until: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killed && until !== "exit" && stdout.includes(`${until}\n`)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", fail);
    child.on("exit", (code, signal) => {
      if (until === "exit" ? code === 0 : signal === "SIGKILL") done(stdout);
      else fail(new Error(`crash worker ended (${String(code)} ${String(signal)}) before "${until}": ${stdout} ${stderr}`));
    });
  });
}

const phases = ["before", "during", "after"] as const;
const dirs: string[] = [];
const schemas: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  if (schemas.length) {
    const sql = adminClient();
    for (const schema of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  }
});

async function crashAndRecover(storeSpec: string, phase: (typeof phases)[number]) {
  const calls = join(await mkdtemp(join(tmpdir(), "planner-crash-calls-")), "calls.txt");
  dirs.push(join(calls, ".."));
  const runId = `run_crash_${phase}_01`;
  await runWorker([storeSpec, calls, phase, runId], phase);
  const recovered = await runWorker([storeSpec, calls, "recover", runId], "exit");
  const lines = (await readFile(calls, "utf8").catch(() => "")).trim().split("\n").filter(Boolean);
  return { recovered, lines, runId };
}

describe.each([
  ["SQLite file store", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-crash-"));
    dirs.push(dir);
    return dir;
  }],
  ["PostgreSQL", () => {
    const schema = uniqueSchema("crash");
    schemas.push(schema);
    return Promise.resolve(`postgres:${schema}`);
  }],
] as const)("a SIGKILL at every step of a run (%s)", (name, makeStore) => {
  it.each(phases)("killed %s the executor call: the run ends succeeded, its effect made once", async (phase) => {
    if (name === "PostgreSQL" && !(await postgresAvailable())) return;
    const { recovered, lines, runId } = await crashAndRecover(await makeStore(), phase);
    expect(recovered).toContain("ended succeeded");
    const effects = lines.filter((line) => line.startsWith("effect") && line.endsWith(` ${runId}`));
    expect(effects).toHaveLength(1);
    // Every call was for this run's key; before the executor was called, the takeover is the only call.
    expect(lines.every((line) => line.endsWith(` ${runId}`))).toBe(true);
    expect(lines.length).toBe(phase === "before" ? 1 : 2);
  }, 60_000);
});
