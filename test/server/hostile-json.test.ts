import { createHmac } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { executeRun, triggerSubject } from "../../src/server/engine";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { fileStore, memoryStore, type PlannerStore } from "../../src/server/store";
import type { Job, PlannerConfig } from "../../src/shared/schemas";
import { recordingDispatcher, recordingExecutors } from "../engine/harness";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";

const job = {
  agentId: "agent-1",
  name: "Digest",
  schedule: { cron: "0 9 * * 1", timezone: "UTC" },
  action: { type: "chat" as const, template: "Hi" },
};

type ErrorBody = { error: { json: { message: string; data: { code: string; fieldErrors: { path: string; message: string }[] | null } } } };

/** A POST whose body is exactly `body` (built as text, so nothing recursive or prototype-aware touches it). */
function postRaw(path: string, body: string) {
  return new Request(`http://localhost/api/planner/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user": "user-1" },
    body,
  });
}

function get(path: string, input: unknown) {
  return new Request(`http://localhost/api/planner/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { "x-user": "user-1" } });
}

function route(overrides: Parameters<typeof testPlanner>[0] = {}) {
  const t = testPlanner(overrides);
  return { ...t, ...createPlannerRoute({ planner: t.planner, endpoint: "/api/planner" }) };
}

const JOB_PREFIX = JSON.stringify(job).slice(0, -1);

describe("hostile JSON through the planner route", () => {
  it("answers a 10,000-deep static input with 400 'Input is nested too deeply' and stores nothing", async () => {
    const { POST, store } = route();
    const deep = `${'{"a":'.repeat(10_000)}{}${"}".repeat(10_000)}`;
    const body = `{"json":${JOB_PREFIX},"action":{"type":"workflow","workflowId":"wf_triage","input":{"mode":"static","value":${deep}}}}}`;
    const res = await POST(postRaw("jobs.create", body));
    expect(res.status).toBe(400);
    const error = ((await res.json()) as ErrorBody).error.json;
    expect(error.message).toBe("Input is nested too deeply: at most 32 levels of objects and lists are allowed.");
    expect(error.data.fieldErrors).toEqual([{ path: "action.input.value", message: error.message }]);
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("refuses a superjson meta nested 10,000 deep with 400, not a stack overflow", async () => {
    const { POST, store } = route();
    const meta = `{"values":${'{"a":'.repeat(10_000)}["undefined"]${"}".repeat(10_000)},"v":1}`;
    const res = await POST(postRaw("jobs.create", `{"json":${JSON.stringify(job)},"meta":${meta}}`));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.json.message).toMatch(/^Input is nested too deeply/);
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  // Raw text keeps "__proto__" an own key, as any HTTP client can send it.
  const reserved: Array<[string, string, string]> = [
    ["__proto__", `"variables":{"team":"a","__proto__":"x"}`, "variables.__proto__"],
    ["constructor", `"variables":{"constructor":"x"}`, "variables.constructor"],
    ["prototype", `"action":{"type":"workflow","workflowId":"wf_triage","input":{"mode":"static","value":{"a":{"prototype":1}}}}`, "action.input.value.a.prototype"],
    ["__proto__ as a field name", `"action":{"type":"workflow","workflowId":"wf_triage","input":{"mode":"fields","fields":{"__proto__":"{x}"}}}`, "action.input.fields.__proto__"],
  ];
  for (const [key, fields, path] of reserved) {
    it(`refuses ${key} with 400 on ${path}; the agent keeps working`, async () => {
      const { POST, GET, store } = route();
      const res = await POST(postRaw("jobs.create", `{"json":${JOB_PREFIX},${fields}}}`));
      expect(res.status).toBe(400);
      const error = ((await res.json()) as ErrorBody).error.json;
      const name = path.split(".").pop()!;
      expect(error.data.fieldErrors).toEqual([{ path, message: `"${name}" can't be used as a name.` }]);
      expect(error.message).toBe(`"${name}" can't be used as a name.`);
      expect((await store.get("agent-1")).jobs).toEqual([]);
      expect((await GET(get("jobs.list", { agentId: "agent-1" }))).status).toBe(200);
    });
  }
});

/** A store that hands out records a buggy or older writer could have left: reserved keys superjson refuses. */
function poisonedStore(): PlannerStore {
  const inner = memoryStore();
  const poison = <T>(value: T, json: string): T => ({ ...value, ...(JSON.parse(json) as object) });
  return {
    ...inner,
    async get(agentId) {
      const planner: PlannerConfig = await inner.get(agentId);
      return { ...planner, jobs: planner.jobs.map((j: Job) => poison(j, '{"variables":{"constructor":"x","__proto__":"y"}}')) };
    },
    async listRuns(agentId, owner, options) {
      const page = await inner.listRuns(agentId, owner, options);
      return { ...page, items: page.items.map((run) => poison(run, '{"input":{"prototype":{"constructor":1}}}')) };
    },
  };
}

describe("a stored record superjson refuses never fails a whole response", () => {
  it("lists, reads and shows runs of such records with the keys escaped", async () => {
    const exec = recordingExecutors();
    const { POST, GET, caller, store } = route({ store: poisonedStore(), executors: exec.executors });
    const created = await caller().jobs.create(job);
    await caller().jobs.create({ ...job, name: "Second" });
    await store.appendRun({ id: "run_poisoned01", agentId: "agent-1", owner: { kind: "job", id: created.id }, cause: "manual", createdAt: "2026-11-28T10:00:00.000Z", status: "succeeded", attempts: 1 });

    const list = await GET(get("jobs.list", { agentId: "agent-1" }));
    expect(list.status).toBe(200);
    const jobs = ((await list.json()) as { result: { data: { json: Array<{ name: string; variables: unknown }> } } }).result.data.json;
    expect(jobs.map((j) => [j.name, j.variables])).toEqual([
      ["Digest", { constructor_: "x", __proto___: "y" }],
      ["Second", { constructor_: "x", __proto___: "y" }],
    ]);
    expect((await GET(get("jobs.byId", { agentId: "agent-1", jobId: created.id }))).status).toBe(200);
    const runs = await GET(get("jobs.runs", { agentId: "agent-1", jobId: created.id }));
    expect(runs.status).toBe(200);
    expect(JSON.stringify(await runs.json())).toContain('"prototype_":{"constructor_":1}');
    // Writes still work, and a create answers its result.
    expect((await POST(postRaw("jobs.create", JSON.stringify({ json: { ...job, name: "Third" } })))).status).toBe(200);
  });

  describe("a file written before reserved keys were refused", () => {
    let dir = "";
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("is read with the keys escaped, listed, and repaired by the next write", async () => {
      dir = await mkdtemp(join(tmpdir(), "planner-reserved-"));
      await mkdir(join(dir, "agents"), { recursive: true });
      const file = join(dir, "agents", "agent-1.json");
      const at = "2026-11-28T09:00:00.000Z";
      const legacy = {
        id: "job_legacy00001",
        name: "Legacy",
        schedule: { cron: "0 9 * * 1", timezone: "UTC" },
        action: { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { prototype: { constructor: 1 } } } },
        variables: { constructor: "x" },
        policy: { misfire: "runOnce", overlap: "skip" },
        enabled: true,
        revision: 1,
        createdAt: at,
        updatedAt: at,
        state: { consecutiveFailures: 0, scheduleRevision: 1 },
      };
      await writeFile(file, JSON.stringify({ owner: "ops", planner: { jobs: [legacy], triggers: [] } }));
      const { GET, POST } = route({ store: fileStore({ dir }) });

      const list = await GET(get("jobs.list", { agentId: "agent-1" }));
      expect(list.status).toBe(200);
      const [read] = ((await list.json()) as { result: { data: { json: Array<Record<string, unknown>> } } }).result.data.json;
      expect(read).toMatchObject({ variables: { constructor_: "x" }, action: { input: { value: { prototype_: { constructor_: 1 } } } } });

      expect((await POST(postRaw("jobs.create", JSON.stringify({ json: job })))).status).toBe(200);
      const written = JSON.parse(await readFile(file, "utf8")) as { owner: string; planner: PlannerConfig };
      expect(written.owner).toBe("ops");
      expect(written.planner.jobs.map((j) => j.variables)).toEqual([{ constructor_: "x" }, undefined]);
    });
  });
});

describe("webhook event data with keys superjson refuses", () => {
  const SECRET = "whsec_hostile_json";
  const NOW = "2026-11-30T09:00:00.000Z";

  function signed(raw: string, id: string) {
    const ts = Date.parse(NOW) / 1000;
    const signature = `v1,${createHmac("sha256", SECRET).update(`${id}.${ts}.${raw}`).digest("base64")}`;
    return new Request("http://localhost/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": signature },
      body: raw,
    });
  }

  it("is stored with the keys renamed, the run says so, and triggers.runs answers 200", async () => {
    const exec = recordingExecutors();
    const recorder = recordingDispatcher();
    const t = testPlanner({ composio: { webhookSecret: SECRET } as unknown as ComposioGateway, executors: exec.executors }, NOW);
    t.planner.deps.dispatcher = recorder.dispatcher;
    const trigger = gmailTrigger(NOW, { action: { type: "workflow", workflowId: "wf_triage", input: { mode: "payload" } } });
    await t.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
    const { POST } = createComposioWebhookRoute({ planner: t.planner });

    const data = `{"subject":"Hi","constructor":{"__proto__":{"prototype":"x"}},"deep":${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}}`;
    const raw = JSON.stringify({ ...gmailDelivery, data: "DATA" }).replace('"DATA"', data);
    const res = await POST(signed(raw, "msg_hostile"));
    expect(res.status).toBe(200);
    expect(recorder.triggers).toHaveLength(1);
    const request = recorder.triggers[0]!;
    expect(request.event.data).toMatchObject({ subject: "Hi", constructor_: { __proto___: { prototype_: "x" } } });
    expect(request.event.warnings).toEqual([
      '"constructor", "__proto__" and "prototype" can\'t be used as names, so in the event data they were renamed to "constructor_", "__proto___", "prototype_".',
      'Parts of the event data nested more than 32 levels deep were replaced by "(removed: nested too deeply)".',
    ]);

    await executeRun(t.planner.deps, triggerSubject(request), { sleep: () => Promise.resolve(), backoffMs: () => 0 });
    expect(exec.workflows[0]?.input).toMatchObject({ constructor_: { __proto___: { prototype_: "x" } } });
    const { GET } = createPlannerRoute({ planner: t.planner, endpoint: "/api/planner" });
    const runs = await GET(get("triggers.runs", { agentId: "agent-1", triggerId: trigger.id }));
    expect(runs.status).toBe(200);
    const [run] = ((await runs.json()) as { result: { data: { json: { items: Array<{ status: string; warnings?: string[] }> } } } }).result.data.json.items;
    expect(run?.status).toBe("succeeded");
    expect(run?.warnings).toEqual(request.event.warnings);
  });
});
