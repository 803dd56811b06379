/**
 * Issue 21, part 1: a delivery is deduped before anything runs, against a record that does not depend on run
 * history, and its run is stored with the dedupe record before the 200. Real in-process scheduler, memory and file
 * stores, the recording executors.
 */
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import { fileStore, memoryStore, type PlannerStore } from "../../src/server/store";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";

const SECRET = "whsec_test_secret_value";
const NOW = "2026-11-30T09:00:00.000Z";

function delivery(id: string, clockNow: Date): Request {
  const raw = JSON.stringify({ ...gmailDelivery, id });
  const timestamp = Math.floor(clockNow.getTime() / 1000);
  const signature = `v1,${createHmac("sha256", SECRET).update(`${id}.${timestamp}.${raw}`).digest("base64")}`;
  return new Request("http://localhost/api/workforce/triggers/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
    body: raw,
  });
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup(kind: "memory" | "file") {
  let store: PlannerStore;
  if (kind === "file") {
    const dir = await mkdtemp(join(tmpdir(), "planner-once-"));
    dirs.push(dir);
    store = fileStore({ dir });
  } else store = memoryStore();
  const exec = recordingExecutors();
  const t = testPlanner({ store, executors: exec.executors, composio: { webhookSecret: SECRET } as unknown as ComposioGateway }, NOW);
  await t.store.update("agent-1", (p) => ({ ...p, triggers: [gmailTrigger(NOW)] }));
  await t.planner.start();
  const { POST } = createComposioWebhookRoute({ planner: t.planner });
  const send = async (id: string) => {
    const res = await POST(delivery(id, t.clock.now()));
    return { status: res.status, body: (await res.json()) as { status?: string; runId?: string } };
  };
  return { ...t, exec, send };
}

describe.each(["memory", "file"] as const)("webhook deliveries run exactly once (%s store)", (kind) => {
  it("a retry after 60 other runs (past the 50-run history) starts nothing", async () => {
    const t = await setup(kind);
    try {
      const first = await t.send("msg_first");
      expect(first).toMatchObject({ status: 200, body: { status: "dispatched" } });
      await t.planner.idle();
      for (let i = 0; i < 60; i++) {
        t.clock.advance(1000);
        expect((await t.send(`msg_other_${i}`)).body.status).toBe("dispatched");
      }
      await t.planner.idle();
      // The first delivery's run is gone from the capped history…
      expect(await t.store.getRun("agent-1", first.body.runId!)).toBeNull();
      const callsBefore = t.exec.chats.length;
      t.clock.advance(60_000);
      // …and its retry is still a duplicate that reaches no executor.
      expect((await t.send("msg_first")).body.status).toBe("duplicate");
      await t.planner.idle();
      expect(t.exec.chats.length).toBe(callsBefore);
      expect(t.exec.chats.filter((c) => c.idempotencyKey === first.body.runId)).toHaveLength(1);
      expect(t.exec.chats).toHaveLength(61);
    } finally {
      await t.planner.stop();
      await t.store.close();
    }
  });

  it("the 200 comes after the run is stored with its event; a hand-over that failed is made again by the retry", async () => {
    const t = await setup(kind);
    try {
      const driver = t.planner.deps.dispatcher;
      let failNext = true;
      t.planner.deps.dispatcher = {
        ...driver,
        dispatchStored(run, event) {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error("queue unavailable"));
          }
          return driver.dispatchStored(run, event);
        },
      };
      const first = await t.send("msg_handover");
      expect(first.status).toBe(500);
      // The run was stored, queued, with its event, although its hand-over failed.
      const runs = await t.store.activeRuns("agent-1");
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "queued", event: { id: "msg_handover" } });
      expect(t.exec.chats).toHaveLength(0);
      // Composio retries: a duplicate whose queued run is handed over again, and runs once.
      expect((await t.send("msg_handover")).body.status).toBe("duplicate");
      await t.planner.idle();
      expect(t.exec.chats).toHaveLength(1);
      expect((await t.send("msg_handover")).body.status).toBe("duplicate");
      await t.planner.idle();
      expect(t.exec.chats).toHaveLength(1);
      expect((await t.store.get("agent-1")).triggers[0]?.state).toMatchObject({ firedCount: 1, duplicateCount: 2 });
    } finally {
      await t.planner.stop();
      await t.store.close();
    }
  });
});
