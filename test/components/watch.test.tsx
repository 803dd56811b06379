import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ExpectedStrip, PlannerPanel } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob, seedRun } from "./panel-seed";

describe("ExpectedStrip", () => {
  it("classifies each expected occurrence: on time, late by how much, skipped and why, missed, failed, upcoming — each cell labelled", async () => {
    const harness = createPlannerHarness({ start: "2026-11-30T08:00:00.000Z" });
    const job = await harness.caller().jobs.create(dailyJob("Morning digest"));
    await seedRun(harness, job.id, "succeeded", "2026-11-30T09:00:00.000Z");
    await seedRun(harness, job.id, "succeeded", "2026-12-01T09:07:00.000Z", { scheduledFor: "2026-12-01T09:00:00.000Z", startedAt: "2026-12-01T09:07:00.000Z" });
    await seedRun(harness, job.id, "skipped", "2026-12-02T09:00:00.000Z", { skipReason: "overlap", startedAt: undefined });
    await seedRun(harness, job.id, "failed", "2026-12-04T09:00:00.000Z");
    harness.clock.set("2026-12-04T10:00:00.000Z");

    renderWithPlanner(<ExpectedStrip agentId={AGENT_ID} jobId={job.id} />, { harness });

    const strip = await screen.findByRole("list", { name: "Expected runs of the last 14 days and the next day" });
    const cells = within(strip).getAllByRole("listitem");
    expect(cells.map((cell) => cell.getAttribute("data-status"))).toEqual(["onTime", "late", "skipped", "missed", "failed", "upcoming"]);
    expect(cells[1]).toHaveTextContent(/Dec 1.*Late \(by 7 min/);
    expect(cells[2]).toHaveTextContent(/Skipped \(the previous run was still running\)/);
    expect(cells[3]).toHaveTextContent(/Dec 3.*Missed/);
    expect(cells[4]).toHaveTextContent(/Failed \(The chat service answered 503\.\)/);
    expect(cells[5]).toHaveTextContent(/Dec 5.*Upcoming/);
    // Every cell has its text for a screen reader and the same as a tooltip.
    for (const cell of cells) expect(cell.getAttribute("title")).toBe(cell.textContent);
    expect(screen.getByRole("status")).toHaveTextContent("1 missed, 1 failed, 1 late, 1 skipped, 1 on time, 1 upcoming");
  });

  it("shows one cell per day when a job runs too often for one cell each", async () => {
    const harness = createPlannerHarness({ start: "2026-11-30T08:00:00.000Z" });
    const job = await harness.caller().jobs.create(dailyJob("Every ten minutes", { schedule: { cron: "*/10 * * * *", timezone: "UTC" } }));
    harness.clock.set("2026-12-01T12:00:00.000Z");

    renderWithPlanner(<ExpectedStrip agentId={AGENT_ID} jobId={job.id} />, { harness });

    const strip = await screen.findByRole("list", { name: /Expected runs/ });
    const cells = within(strip).getAllByRole("listitem");
    expect(cells.map((cell) => cell.getAttribute("data-status"))).toEqual(["missed", "missed", "upcoming"]);
    expect(cells[1]).toHaveTextContent(/Dec 1: 144 expected — 72 missed, 1 due, not started yet, 71 upcoming/);
    expect(screen.getByText("One cell per day (too many runs for one cell each).")).toBeInTheDocument();
  });
});

describe("needs attention: overdue", () => {
  it("shows an enabled job past its grace period without a run as overdue, with Run now", async () => {
    const harness = createPlannerHarness({ start: "2026-11-30T08:50:00.000Z" });
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    harness.clock.set("2026-11-30T09:03:00.000Z");

    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });

    const item = await screen.findByRole("listitem", { name: "Morning digest: Overdue" });
    expect(item).toHaveTextContent(/It was due 3 minutes ago and has not run/);
    expect(within(item).getByRole("group", { name: "Recovery for Morning digest" })).toBeInTheDocument();
    await user.click(within(item).getByRole("button", { name: "Run now: Morning digest" }));
  }, 60_000);
});
