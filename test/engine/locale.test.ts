import { describe, expect, it } from "vitest";
import { executeRun, jobSubject } from "../../src/server/engine";
import { PlannerConfigError } from "../../src/server/errors";
import type { PlannerOptions } from "../../src/server/options";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";

const noSleep = { sleep: () => Promise.resolve(), backoffMs: () => 0 };
const TEMPLATE = "{dayOfWeek} {time} · {dateTime}";

/** A planner in `locale` with one chat job at 09:00 Paris; runs its Monday occurrence and previews its samples. */
async function runAndPreview(locale: string | undefined) {
  const exec = recordingExecutors();
  const overrides: Partial<PlannerOptions> = { executors: exec.executors, ...(locale ? { locale } : {}) };
  const t = testPlanner(overrides, "2026-11-30T07:59:00.000Z");
  const job = await t.caller().jobs.create({ agentId: "agent-1", name: "Brief", schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }, action: { type: "chat", template: TEMPLATE } });
  const samples = Object.fromEntries(
    (await t.caller().catalog.variables({ kind: "job", agentId: "agent-1", jobId: job.id })).map((variable) => [variable.name, JSON.stringify(variable.sample)]),
  ) as Record<string, string>;
  const sample = (name: string) => JSON.parse(samples[name] ?? '""') as string;
  t.clock.set("2026-11-30T08:00:01.000Z");
  const scheduledFor = "2026-11-30T08:00:00.000Z";
  await executeRun(t.planner.deps, jobSubject({ runId: `${job.id}@${scheduledFor}`, agentId: "agent-1", jobId: job.id, cause: "schedule", scheduledFor, scheduleRevision: job.state.scheduleRevision }), noSleep);
  return { sent: exec.chats[0]?.message, preview: `${sample("dayOfWeek")} ${sample("time")} · ${sample("dateTime")}` };
}

describe("the planner's locale for job messages", () => {
  it("keeps English on a 24-hour clock by default", async () => {
    const { sent, preview } = await runAndPreview(undefined);
    expect(sent).toBe("Monday 09:00 · Monday, November 30, 2026 at 09:00");
    expect(preview).toBe(sent);
  });

  it("writes {time} and {dateTime} on the locale's clock, at run time and in the preview alike", async () => {
    const us = await runAndPreview("en-US");
    expect(us.sent).toBe("Monday 9:00 AM · Monday, November 30, 2026 at 9:00 AM");
    expect(us.preview).toBe(us.sent);
    const de = await runAndPreview("de-DE");
    expect(de.sent).toBe("Montag 09:00 · Montag, 30. November 2026 um 09:00");
    expect(de.preview).toBe(de.sent);
  });

  it("refuses a locale Intl cannot read when the planner is created", () => {
    expect(() => testPlanner({ locale: "not a locale!" })).toThrow(PlannerConfigError);
    expect(() => testPlanner({ locale: "not a locale!" })).toThrow('createPlanner: `locale` must be a BCP 47 locale such as "en-US" or "de-DE", got "not a locale!".');
  });
});
