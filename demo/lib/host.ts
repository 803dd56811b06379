import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { JsonObject, JsonValue } from "agent-planner";
import type { PlannerExecutors, RunSource } from "agent-planner/server";

/** A chat thread the demo host "started" (what a real host would show in its Chats tab). */
export interface DemoThread {
  id: string;
  agentId: string;
  title: string;
  /** Set when the action reuses a thread: the same key means the same thread. */
  threadKey?: string;
  messages: Array<{ role: "user"; text: string; at: string; source: RunSource }>;
  source: RunSource;
  /** Every idempotency key that reached this thread: a retried run finds its thread here. */
  idempotencyKeys: string[];
  createdAt: string;
  updatedAt: string;
}

/** A workflow run the demo host "executed". */
export interface DemoWorkflowRun {
  id: string;
  agentId: string;
  workflowId: string;
  input: JsonValue;
  output: JsonObject;
  status: "succeeded";
  source: RunSource;
  idempotencyKey: string;
  createdAt: string;
}

export interface DemoHost {
  executors: PlannerExecutors;
  listThreads(agentId?: string): Promise<DemoThread[]>;
  listWorkflowRuns(agentId?: string): Promise<DemoWorkflowRun[]>;
}

export interface DemoHostOptions {
  /** The demo's data directory; files go to `<dataDir>/host/`. */
  dataDir: string;
  clock?: () => Date;
  /** Random id suffix (tests pass a counter). */
  randomId?: () => string;
}

export const threadUrl = (threadId: string) => `/?tab=chats#${threadId}`;
export const workflowRunUrl = (runId: string) => `/?tab=workflow-runs#${runId}`;

/** A small, deterministic "result" for each demo workflow, so a person sees the input went somewhere. */
export function workflowOutput(workflowId: string, input: JsonValue): JsonObject {
  const record = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const text = JSON.stringify(input ?? null);
  const score = [...text].reduce((sum, ch) => (sum + ch.charCodeAt(0)) % 101, 0);
  switch (workflowId) {
    case "job-application-check":
      return { newMatches: (score % 5) + 1, applicationsChecked: (score % 3) + 2, keywords: typeof record.keywords === "string" ? record.keywords : null };
    case "analyze-email": {
      const subject = JSON.stringify(record).toLowerCase();
      const category = subject.includes("interview") ? "interview" : subject.includes("recruit") || subject.includes("role") ? "recruiter" : "other";
      return { category, replyDrafted: category !== "other" };
    }
    case "qualify-lead":
      return { score, tier: score >= 70 ? "hot" : score >= 40 ? "warm" : "cold" };
    default:
      return { ok: true };
  }
}

async function readList<T>(path: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const parsed = JSON.parse(text) as { items?: T[] };
  if (!Array.isArray(parsed.items)) throw new Error(`${path} is not a demo data file (no "items" list); move it away to start over.`);
  return parsed.items;
}

/**
 * The demo host's executors: `startChat` writes a thread, `runWorkflow` records a run, both to JSON files
 * (atomic writes) and both idempotent on `idempotencyKey` (a retried run returns the first result).
 */
export function createDemoHost(options: DemoHostOptions): DemoHost {
  const dir = join(options.dataDir, "host");
  const threadsFile = join(dir, "threads.json");
  const runsFile = join(dir, "workflow-runs.json");
  const clock = options.clock ?? (() => new Date());
  const randomId = options.randomId ?? (() => randomBytes(8).toString("hex"));
  let queue: Promise<unknown> = Promise.resolve();

  /** One read-modify-write at a time in this process. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  }

  async function writeList(path: string, items: unknown[]): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify({ items }, null, 2)}\n`);
  }

  const executors: PlannerExecutors = {
    startChat: (request) =>
      serial(async () => {
        const threads = await readList<DemoThread>(threadsFile);
        const seen = threads.find((t) => t.idempotencyKeys.includes(request.idempotencyKey));
        if (seen) return { threadId: seen.id, url: threadUrl(seen.id) };
        const at = clock().toISOString();
        const message = { role: "user" as const, text: request.message, at, source: request.source };
        const reused = request.threadKey ? threads.find((t) => t.agentId === request.agentId && t.threadKey === request.threadKey) : undefined;
        let thread: DemoThread;
        if (reused) {
          thread = { ...reused, messages: [...reused.messages, message], idempotencyKeys: [...reused.idempotencyKeys, request.idempotencyKey], updatedAt: at };
          threads.splice(threads.indexOf(reused), 1, thread);
        } else {
          thread = {
            id: `thread_${randomId()}`,
            agentId: request.agentId,
            title: request.title,
            ...(request.threadKey ? { threadKey: request.threadKey } : {}),
            messages: [message],
            source: request.source,
            idempotencyKeys: [request.idempotencyKey],
            createdAt: at,
            updatedAt: at,
          };
          threads.push(thread);
        }
        await writeList(threadsFile, threads);
        return { threadId: thread.id, url: threadUrl(thread.id) };
      }),
    runWorkflow: (request) =>
      serial(async () => {
        const runs = await readList<DemoWorkflowRun>(runsFile);
        const seen = runs.find((r) => r.idempotencyKey === request.idempotencyKey);
        if (seen) return { workflowRunId: seen.id, output: seen.output, url: workflowRunUrl(seen.id) };
        const run: DemoWorkflowRun = {
          id: `wfrun_${randomId()}`,
          agentId: request.agentId,
          workflowId: request.workflowId,
          input: request.input,
          output: workflowOutput(request.workflowId, request.input),
          status: "succeeded",
          source: request.source,
          idempotencyKey: request.idempotencyKey,
          createdAt: clock().toISOString(),
        };
        runs.push(run);
        await writeList(runsFile, runs);
        return { workflowRunId: run.id, output: run.output, url: workflowRunUrl(run.id) };
      }),
  };

  const newestFirst = <T>(items: T[], at: (item: T) => string) => items.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));

  return {
    executors,
    listThreads: async (agentId) => newestFirst((await readList<DemoThread>(threadsFile)).filter((t) => !agentId || t.agentId === agentId), (t) => t.updatedAt),
    listWorkflowRuns: async (agentId) => newestFirst((await readList<DemoWorkflowRun>(runsFile)).filter((r) => !agentId || r.agentId === agentId), (r) => r.createdAt),
  };
}
