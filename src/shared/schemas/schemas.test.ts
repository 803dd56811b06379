import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  Action,
  CreateJobInput,
  CreateTriggerInput,
  Filters,
  Job,
  JobId,
  PlannerConfig,
  Run,
  RunId,
  Schedule,
  TriggerId,
  UpdateJobInput,
  UpdateTriggerInput,
} from "./index";

function issues(result: z.ZodSafeParseResult<unknown>) {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

const validJobInput = {
  agentId: "agent-1",
  name: "  Weekly digest  ",
  schedule: { cron: "0 9 * * MON", timezone: "Europe/Paris" },
  action: { type: "chat", template: "Summarise the week for {agentName}." },
};

describe("ids", () => {
  it("accepts prefixed ids and rejects others with a sentence", () => {
    expect(JobId.safeParse("job_abc123XYZ").success).toBe(true);
    expect(TriggerId.safeParse("trg_abc123XYZ").success).toBe(true);
    expect(issues(JobId.safeParse("trg_abc123XYZ"))).toEqual([
      { path: "", message: 'This is not a valid job id (it should start with "job_").' },
    ]);
    expect(issues(JobId.safeParse("job_"))).toHaveLength(1);
  });

  it("accepts generated run ids and occurrence run ids", () => {
    expect(RunId.safeParse("run_abcdef123").success).toBe(true);
    expect(RunId.safeParse("job_abcdef123@2026-11-30T08:00:00.000Z").success).toBe(true);
    expect(RunId.safeParse("job_abcdef123@; rm -rf /").success).toBe(false);
  });
});

describe("CreateJobInput", () => {
  it("trims the name and keeps optional fields optional", () => {
    const parsed = CreateJobInput.parse(validJobInput);
    expect(parsed.name).toBe("Weekly digest");
    expect(parsed.policy).toBeUndefined();
    expect(parsed.enabled).toBeUndefined();
  });

  it("rejects a blank or too long name with form sentences", () => {
    expect(issues(CreateJobInput.safeParse({ ...validJobInput, name: "   " }))).toEqual([
      { path: "name", message: "Give it a name." },
    ]);
    expect(issues(CreateJobInput.safeParse({ ...validJobInput, name: "x".repeat(101) }))).toEqual([
      { path: "name", message: "The name must be at most 100 characters." },
    ]);
    expect(CreateJobInput.safeParse({ ...validJobInput, name: "x".repeat(100) }).success).toBe(true);
  });

  it("reports cron and timezone problems on their own fields", () => {
    expect(issues(CreateJobInput.safeParse({ ...validJobInput, schedule: { cron: "0 24 * * *", timezone: "Europe/Paris" } }))).toEqual([
      { path: "schedule.cron", message: "Hour must be between 0 and 23, got 24." },
    ]);
    const badZone = issues(CreateJobInput.safeParse({ ...validJobInput, schedule: { cron: "0 9 * * *", timezone: "Mars/Base" } }));
    expect(badZone.map((i) => i.path)).toEqual(["schedule.timezone"]);
  });

  it("limits templates to 10,000 characters and refuses a blank message", () => {
    const long = { ...validJobInput, action: { type: "chat", template: "a".repeat(10_001) } };
    expect(issues(CreateJobInput.safeParse(long))).toEqual([
      { path: "action.template", message: "The message must be at most 10,000 characters." },
    ]);
    expect(CreateJobInput.safeParse({ ...validJobInput, action: { type: "chat", template: "a".repeat(10_000) } }).success).toBe(true);
    expect(issues(CreateJobInput.safeParse({ ...validJobInput, action: { type: "chat", template: "  " } }))).toEqual([
      { path: "action.template", message: "Write the message the agent should receive." },
    ]);
  });

  it("refuses job variables that shadow built-ins or are not identifiers", () => {
    expect(issues(CreateJobInput.safeParse({ ...validJobInput, variables: { jobName: "x" } }))).toEqual([
      { path: "variables.jobName", message: '"jobName" is a built-in variable; choose another name.' },
    ]);
    expect(issues(CreateJobInput.safeParse({ ...validJobInput, variables: { "bad name": "x" } }))[0]?.path).toBe("variables.bad name");
    expect(CreateJobInput.safeParse({ ...validJobInput, variables: { team: "Platform" } }).success).toBe(true);
  });

  it("accepts a workflow action with each input mapping", () => {
    for (const input of [{ mode: "payload" }, { mode: "static", value: { a: [1, { b: null }] } }, { mode: "fields", fields: { to: "{emailFrom}" } }]) {
      expect(Action.safeParse({ type: "workflow", workflowId: "wf_1", input }).success).toBe(true);
    }
    expect(issues(Action.safeParse({ type: "workflow", workflowId: " " }))).toEqual([{ path: "workflowId", message: "Choose a workflow." }]);
    expect(Action.safeParse({ type: "email" }).success).toBe(false);
  });
});

describe("UpdateJobInput", () => {
  it("requires the revision the editor loaded", () => {
    expect(issues(UpdateJobInput.safeParse({ agentId: "a", jobId: "job_abcdef" }))).toEqual([
      { path: "expectedRevision", message: "The revision you edited is required." },
    ]);
    expect(UpdateJobInput.parse({ agentId: "a", jobId: "job_abcdef", expectedRevision: 3, name: "New" })).toEqual({
      agentId: "a",
      jobId: "job_abcdef",
      expectedRevision: 3,
      name: "New",
    });
  });
});

describe("Filters", () => {
  it("caps conditions at 20", () => {
    const condition = { path: "subject", op: "contains", value: "invoice" };
    expect(Filters.safeParse({ match: "all", conditions: Array(20).fill(condition) }).success).toBe(true);
    expect(issues(Filters.safeParse({ match: "all", conditions: Array(21).fill(condition) }))).toEqual([
      { path: "conditions", message: "At most 20 filter conditions." },
    ]);
  });

  it("defaults match to all", () => {
    expect(Filters.parse({ conditions: [] })).toEqual({ match: "all", conditions: [] });
  });
});

describe("CreateTriggerInput / UpdateTriggerInput", () => {
  const input = {
    agentId: "agent-1",
    name: "New email",
    source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_1" },
    action: { type: "workflow", workflowId: "triage" },
  };

  it("defaults config to an empty object", () => {
    expect(CreateTriggerInput.parse(input).source.config).toEqual({});
  });

  it("requires a toolkit and a trigger type", () => {
    expect(issues(CreateTriggerInput.safeParse({ ...input, source: { toolkit: "", triggerSlug: "" } }))).toEqual([
      { path: "source.toolkit", message: "Choose an app." },
      { path: "source.triggerSlug", message: "Choose an event." },
    ]);
  });

  it("update takes a trigger id and revision", () => {
    expect(UpdateTriggerInput.safeParse({ agentId: "a", triggerId: "trg_abcdef", expectedRevision: 1 }).success).toBe(true);
    expect(UpdateTriggerInput.safeParse({ agentId: "a", triggerId: "job_abcdef", expectedRevision: 1 }).success).toBe(false);
  });
});

describe("stored records", () => {
  const job = {
    id: "job_abcdef123",
    name: "Digest",
    schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
    action: { type: "chat", template: "Hi" },
    policy: {},
    enabled: true,
    revision: 1,
    createdAt: "2026-11-28T09:00:00.000Z",
    updatedAt: "2026-11-28T09:00:00.000Z",
    state: {},
  };

  it("fills policy and state defaults", () => {
    const parsed = Job.parse(job);
    expect(parsed.policy).toEqual({ misfire: "runOnce", overlap: "skip" });
    expect(parsed.state).toEqual({ consecutiveFailures: 0, scheduleRevision: 1 });
  });

  it("requires UTC timestamps", () => {
    expect(Job.safeParse({ ...job, createdAt: "2026-11-28 09:00" }).success).toBe(false);
    expect(Job.safeParse({ ...job, createdAt: "2026-11-28T09:00:00+01:00" }).success).toBe(false);
  });

  it("parses an empty planner and a run", () => {
    expect(PlannerConfig.parse({})).toEqual({ jobs: [], triggers: [] });
    const run = {
      id: "job_abcdef123@2026-11-30T08:00:00.000Z",
      agentId: "agent-1",
      owner: { kind: "job", id: "job_abcdef123" },
      cause: "schedule",
      createdAt: "2026-11-30T08:00:00.000Z",
      scheduledFor: "2026-11-30T08:00:00.000Z",
      status: "skipped",
      skipReason: "overlap",
      attempts: 0,
    };
    expect(Run.parse(run)).toEqual(run);
    expect(Run.safeParse({ ...run, skipReason: "bored" }).success).toBe(false);
  });
});

describe("Schedule", () => {
  it("accepts presets and aliases", () => {
    expect(Schedule.safeParse({ cron: "@daily", timezone: "UTC" }).success).toBe(true);
    expect(Schedule.safeParse({ cron: "0 9 * * MON-FRI", timezone: "America/New_York" }).success).toBe(true);
  });
});
