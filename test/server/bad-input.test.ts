import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { fileStore } from "../../src/server/store";
import { testPlanner } from "../helpers/planner";

const valid = {
  agentId: "agent-1",
  name: "Weekly digest",
  description: "For the team",
  schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
  action: { type: "chat", template: "Summarise the week." },
  variables: { team: "Platform" },
  policy: { misfire: "runOnce", overlap: "skip" },
  enabled: true,
};

function post(path: string, input: unknown) {
  return new Request(`http://localhost/api/planner/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user": "user-1" },
    body: JSON.stringify({ json: input }),
  });
}

type ErrorBody = { error: { json: { message: string; data: { code: string; fieldErrors: { path: string; message: string }[] | null } } } };

/** Each case breaks one field of CreateJobInput; the answer names that field. */
const cases: Array<[string, Record<string, unknown>, string, string]> = [
  ["blank name", { name: "  " }, "name", "Give it a name."],
  ["name over 100 characters", { name: "n".repeat(101) }, "name", "The name must be at most 100 characters."],
  ["description over 1,000 characters", { description: "d".repeat(1001) }, "description", "The description must be at most 1,000 characters."],
  ["hour out of range", { schedule: { cron: "0 25 * * *", timezone: "UTC" } }, "schedule.cron", "Hour must be between 0 and 23, got 25."],
  ["six-field cron", { schedule: { cron: "0 0 9 * * 1", timezone: "UTC" } }, "schedule.cron", ""],
  ["unknown timezone", { schedule: { cron: "0 9 * * 1", timezone: "Mars/Olympus" } }, "schedule.timezone", ""],
  ["unknown action type", { action: { type: "email", template: "x" } }, "action.type", ""],
  ["empty template", { action: { type: "chat", template: "" } }, "action.template", "Write the message the agent should receive."],
  ["template over 10,000 characters", { action: { type: "chat", template: "t".repeat(10_001) } }, "action.template", "The message must be at most 10,000 characters."],
  ["workflow without id", { action: { type: "workflow", workflowId: "" } }, "action.workflowId", "Choose a workflow."],
  ["variable shadowing a built-in", { variables: { date: "x" } }, "variables.date", '"date" is a built-in variable; choose another name.'],
  ["unknown misfire policy", { policy: { misfire: "sometimes", overlap: "skip" } }, "policy.misfire", ""],
  ["enabled not a boolean", { enabled: "yes" }, "enabled", ""],
  ["agent id with a path", { agentId: "../etc" }, "agentId", "An agent id may only contain letters, digits, '.', '_' and '-'."],
];

describe("jobs.create with one bad field", () => {
  for (const [name, patch, path, message] of cases) {
    it(`${name} → 400 on ${path}, nothing stored`, async () => {
      const { planner, store } = testPlanner();
      const { POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
      const res = await POST(post("jobs.create", { ...valid, ...patch }));
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      const errors = body.error.json.data.fieldErrors ?? [];
      expect(errors.map((e) => e.path)).toEqual([path]);
      if (message) expect(errors[0]?.message).toBe(message);
      expect(errors[0]?.message.length).toBeGreaterThan(10);
      expect(body.error.json.message).toBe(errors[0]?.message);
      expect((await store.get("agent-1")).jobs).toEqual([]);
    });
  }

  it("the valid input is accepted (the cases above fail for their field alone)", async () => {
    const { planner } = testPlanner();
    const { POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
    expect((await POST(post("jobs.create", valid))).status).toBe(200);
  });
});

describe("a corrupted agent file", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const [name, content] of [
    ["not JSON", "{ this is not json"],
    ["a planner that breaks the schema", JSON.stringify({ owner: "ops", planner: { jobs: [{ id: "job_x" }], triggers: [] } })],
  ] as const) {
    it(`${name}: a clear error, and the file is left untouched`, async () => {
      dir = await mkdtemp(join(tmpdir(), "planner-corrupt-"));
      await mkdir(join(dir, "agents"), { recursive: true });
      const file = join(dir, "agents", "agent-1.json");
      await writeFile(file, content);
      const errors: unknown[] = [];
      const { planner } = testPlanner({
        store: fileStore({ dir }),
        logger: { debug() {}, info() {}, warn() {}, error: (_message, fields) => errors.push(fields) },
      });
      const { GET, POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });

      const list = await GET(new Request(`http://localhost/api/planner/jobs.list?input=${encodeURIComponent(JSON.stringify({ json: { agentId: "agent-1" } }))}`, { headers: { "x-user": "user-1" } }));
      expect(list.status).toBe(500);
      const body = (await list.json()) as ErrorBody;
      expect(body.error.json.message).toBe(
        "This agent's planner data could not be read, so nothing was changed. An administrator must repair it; the details are in the server log.",
      );
      expect(JSON.stringify(body)).not.toContain(dir);

      const create = await POST(post("jobs.create", valid));
      expect(create.status).toBe(500);
      expect(await readFile(file, "utf8")).toBe(content);
      // The server log names the file.
      expect(JSON.stringify(errors)).toContain(file);
    });
  }
});
