import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RunHistory } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";
import { dailyJob, seedRun } from "./panel-seed";

const NOW = Date.parse("2026-11-30T09:00:00.000Z");

/** 25 runs of "Daily digest", one every 6 hours back from 08:00 today; every fifth failed. */
async function seedHistory(harness: PlannerHarness) {
  const job = await harness.caller().jobs.create(dailyJob("Daily digest"));
  const created: { at: string; failed: boolean }[] = [];
  for (let index = 24; index >= 0; index--) {
    const at = new Date(NOW - 3_600_000 - index * 6 * 3_600_000).toISOString();
    const failed = index % 5 === 0;
    await seedRun(harness, job.id, failed ? "failed" : "succeeded", at);
    created.push({ at, failed });
  }
  return { job, created };
}

function rowsOf(table: HTMLElement) {
  return within(table).getAllByRole("row").slice(1).filter((row) => !row.classList.contains("planner-run-details-row"));
}

describe("RunHistory", () => {
  it("lists the agent's runs newest first, pages with Load more and filters by status and kind", async () => {
    const harness = createPlannerHarness();
    await seedHistory(harness);
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });

    const table = await screen.findByRole("table", { name: "Runs" });
    expect(rowsOf(table)).toHaveLength(20);
    expect(within(rowsOf(table)[0]!).getByText("Daily digest")).toBeInTheDocument();
    expect(within(rowsOf(table)[0]!).getByText("Failed")).toBeInTheDocument(); // index 0: 08:00 today
    expect(within(rowsOf(table)[0]!).getByText("Scheduled")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rowsOf(screen.getByRole("table", { name: "Runs" }))).toHaveLength(25));
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();

    const stats = within(screen.getByRole("group", { name: "Run statistics" }));
    expect(stats.getByText("25")).toBeInTheDocument();
    expect(stats.getByText("80%")).toBeInTheDocument();
    expect(stats.getByText("2 sec")).toBeInTheDocument();

    const status = within(screen.getByRole("group", { name: "Status" }));
    await user.click(status.getByRole("button", { name: "Failed" }));
    expect(status.getByRole("button", { name: "Failed" })).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(rowsOf(screen.getByRole("table", { name: "Runs" }))).toHaveLength(5));
    for (const row of rowsOf(screen.getByRole("table", { name: "Runs" }))) expect(within(row).getByText("Failed")).toBeInTheDocument();

    await user.click(within(screen.getByRole("group", { name: "Kind" })).getByRole("button", { name: "Event" }));
    expect(await screen.findByText("No runs match these filters.")).toBeInTheDocument();
  });

  it("expands a failed run to debug it and a succeeded one to view its message and chat", async () => {
    const harness = createPlannerHarness();
    await seedHistory(harness);
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });
    const table = await screen.findByRole("table", { name: "Runs" });

    const [debug] = within(table).getAllByRole("button", { name: "Debug run of Daily digest" });
    await user.click(debug!);
    expect(debug).toHaveAttribute("aria-expanded", "true");
    const details = within(document.getElementById(debug!.getAttribute("aria-controls")!)!);
    expect(details.getByText("The chat service answered 503.")).toBeInTheDocument();
    expect(details.getByText("Attempts").nextElementSibling).toHaveTextContent("3");

    const [view] = within(table).getAllByRole("button", { name: "View run of Daily digest" });
    await user.click(view!);
    const viewed = within(document.getElementById(view!.getAttribute("aria-controls")!)!);
    expect(viewed.getByText(/^Message \d+$/)).toBeInTheDocument();
    expect(viewed.getByRole("link", { name: "Open chat" })).toHaveAttribute("href", expect.stringMatching(/^\/chat\/t\d+$/));
  });

  it("the chart's table alternative counts succeeded and failed runs per day", async () => {
    const harness = createPlannerHarness();
    const { created } = await seedHistory(harness);
    renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });

    const chart = await screen.findByRole("table", { name: "Runs per day" });
    await waitFor(() => expect(screen.getByRole("img", { name: "20 succeeded and 5 failed in the last 14 days." })).toBeInTheDocument());
    const rows = within(chart).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(14);
    for (let offset = 0; offset < 14; offset++) {
      const day = new Date(NOW - offset * 86_400_000).toISOString().slice(0, 10);
      const label = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(NOW - offset * 86_400_000));
      const onDay = created.filter((run) => run.at.slice(0, 10) === day);
      const row = within(chart).getByRole("rowheader", { name: label }).closest("tr")!;
      const [succeeded, failed] = within(row).getAllByRole("cell");
      expect(succeeded).toHaveTextContent(String(onDay.filter((run) => !run.failed).length));
      expect(failed).toHaveTextContent(String(onDay.filter((run) => run.failed).length));
    }
    const today = within(chart).getByRole("rowheader", { name: "Nov 30" }).closest("tr")!;
    expect(within(today).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["1", "1"]);
  });

  it("shows one job's runs when given an owner", async () => {
    const harness = createPlannerHarness();
    const { job } = await seedHistory(harness);
    const other = await harness.caller().jobs.create(dailyJob("Other job"));
    await seedRun(harness, other.id, "succeeded", "2026-11-30T08:30:00.000Z");
    renderWithPlanner(<RunHistory agentId={AGENT_ID} owner={{ kind: "job", id: job.id }} ownerName="Daily digest" />, { harness });
    const table = await screen.findByRole("table", { name: "Runs" });
    expect(rowsOf(table)).toHaveLength(20);
    expect(within(table).queryByText("Other job")).not.toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Kind" })).not.toBeInTheDocument();
  });
});
