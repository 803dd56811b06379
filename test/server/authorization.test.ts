import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { createContextInner } from "../../src/server/context";
import { plannerRouter } from "../../src/server/router";
import { memoryStore } from "../../src/server/store";
import { createCallerFactory } from "../../src/server/trpc";
import type { Job } from "../../src/shared/schemas";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";

/**
 * Procedures that act on the signed-in user rather than on an agent. Every other procedure must check agent
 * access: a new procedure is covered by this test without editing it, and one that forgets the check fails.
 */
const USER_SCOPED = new Set(["schedule.preview", "catalog.toolkits", "catalog.triggerTypes", "catalog.triggerType", "catalog.connectedAccounts"]);

const procedures = Object.keys(plannerRouter._def.procedures);

type Procedure = (input?: unknown) => Promise<unknown>;

/** Calls a procedure by its path: `jobs.create` in a router, or a top-level one like `overview`. */
function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let procedure: unknown = caller;
  for (const segment of path.split(".")) procedure = (procedure as Record<string, unknown> | undefined)?.[segment];
  if (typeof procedure !== "function") throw new Error(`no caller for ${path}`);
  return (procedure as Procedure)(input);
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    const result = await promise;
    // A subscription that got through would hand back a stream: close it.
    const iterator = (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator]?.();
    await iterator?.return?.();
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }
}

/** A gateway that records every call, so the test can prove none was made. */
function recordingGateway() {
  const calls: string[] = [];
  const gateway = new Proxy({ webhookSecret: "whsec_x" } as unknown as ComposioGateway, {
    get(target, property) {
      if (property === "webhookSecret") return "whsec_x";
      if (property === "then") return undefined;
      return (...args: unknown[]) => {
        calls.push(String(property));
        void args;
        return Promise.resolve([]);
      };
    },
  });
  return { gateway, calls };
}

async function seeded() {
  const store = memoryStore();
  const { gateway, calls } = recordingGateway();
  const exec = recordingExecutors();
  const t = testPlanner({ store, composio: gateway, executors: exec.executors });
  const job: Job = await t.caller("user-2").jobs.create({
    agentId: "agent-other",
    name: "Private",
    schedule: { cron: "0 9 * * *", timezone: "UTC" },
    action: { type: "chat", template: "Secret" },
  });
  calls.length = 0;
  const snapshot = async () => ({
    planner: await store.get("agent-other"),
    version: await store.version("agent-other"),
    runs: await store.listRuns("agent-other", { kind: "job", id: job.id }),
  });
  return { ...t, job, calls, exec, snapshot, before: await snapshot() };
}

/** An input that names the other user's agent and otherwise looks plausible for any procedure. */
function inputFor(jobId: string) {
  return { agentId: "agent-other", jobId, triggerId: "trg_abcdefgh", expectedRevision: 1, name: "Hijack", kind: "job", triggerSlug: "X" };
}

describe("every procedure requires a user and access to the agent", () => {
  it("enumerates the router", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(25);
    expect(procedures).toEqual(expect.arrayContaining(["jobs.create", "triggers.test", "live.onChange", "overview", "activity.list", ...USER_SCOPED]));
  });

  for (const path of procedures) {
    it(`${path}: no user → UNAUTHORIZED, nothing changes`, async () => {
      const s = await seeded();
      const anonymous = createCallerFactory(plannerRouter)(createContextInner(s.planner.deps, null));
      expect(await errorCode(call(anonymous, path, inputFor(s.job.id)))).toBe("UNAUTHORIZED");
      expect(await s.snapshot()).toEqual(s.before);
      expect(s.calls).toEqual([]);
      expect(s.exec.chats).toEqual([]);
    });

    if (USER_SCOPED.has(path)) continue;
    it(`${path}: another user's agent → FORBIDDEN, nothing changes`, async () => {
      const s = await seeded();
      expect(await errorCode(call(s.caller("user-1"), path, inputFor(s.job.id)))).toBe("FORBIDDEN");
      expect(await s.snapshot()).toEqual(s.before);
      expect(s.calls).toEqual([]);
      await s.planner.start();
      await s.planner.stop();
      expect(s.exec.chats).toEqual([]);
    });
  }
});
