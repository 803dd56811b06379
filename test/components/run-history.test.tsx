import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RunHistory } from "../../src/components";
import { safeLink } from "../../src/components/run-history/types";
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

/** "Invoice watcher": three runs, the newest a run-now run, one failed with a message a spreadsheet would read as a formula. */
async function seedInvoices(harness: PlannerHarness) {
  const job = await harness.caller().jobs.create(dailyJob("Invoice watcher"));
  await seedRun(harness, job.id, "succeeded", "2026-11-30T08:20:00.000Z", { renderedMessage: '=HYPERLINK("http://evil.example"), "quoted"\nsecond line' });
  await seedRun(harness, job.id, "failed", "2026-11-30T08:30:00.000Z", { error: "Quota 100% used (.*)" });
  const manual = await seedRun(harness, job.id, "succeeded", "2026-11-30T08:40:00.000Z", { cause: "manual", userId: "user-1" });
  return { job, manual };
}

function rowsOf(table: HTMLElement) {
  return within(table).getAllByRole("row").slice(1).filter((row) => !row.classList.contains("planner-run-details-row"));
}

const table = () => screen.getByRole("table", { name: "Runs" });
const showing = () => within(screen.getByRole("navigation", { name: "Pages of runs" })).getByRole("status");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("RunHistory", () => {
  it("pages on the server with totals, searches by name, message and error, and filters by status, kind and dates", async () => {
    const harness = createPlannerHarness();
    await seedHistory(harness);
    await seedInvoices(harness);
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });

    await screen.findByRole("table", { name: "Runs" });
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 10 of 28"));
    expect(rowsOf(table())).toHaveLength(10);
    // No raw run ids in rows.
    expect(table().textContent).not.toMatch(/run_/);
    expect(within(rowsOf(table())[0]!).getByText("Invoice watcher")).toBeInTheDocument();
    expect(within(rowsOf(table())[0]!).getByText("Manual")).toBeInTheDocument();
    expect(within(rowsOf(table())[1]!).getByText("Scheduled")).toBeInTheDocument();

    const pager = within(screen.getByRole("navigation", { name: "Pages of runs" }));
    expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();
    await user.click(pager.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 11 to 20 of 28"));
    await user.click(pager.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 21 to 28 of 28"));
    expect(rowsOf(table())).toHaveLength(8);
    expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();

    // A search starts again on the first page.
    await user.type(screen.getByRole("searchbox", { name: "Search runs" }), "INVOICE");
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 3 of 3"));
    await user.clear(screen.getByRole("searchbox", { name: "Search runs" }));
    await user.type(screen.getByRole("searchbox", { name: "Search runs" }), "100% used (.*)");
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 1 of 1"));
    await user.clear(screen.getByRole("searchbox", { name: "Search runs" }));
    await user.type(screen.getByRole("searchbox", { name: "Search runs" }), "503");
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 5 of 5"));
    await user.clear(screen.getByRole("searchbox", { name: "Search runs" }));

    const status = within(screen.getByRole("group", { name: "Status" }));
    await user.click(status.getByRole("button", { name: "Failed" }));
    expect(status.getByRole("button", { name: "Failed" })).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 6 of 6"));
    for (const row of rowsOf(table())) expect(within(row).getByText("Failed")).toBeInTheDocument();
    await user.click(status.getByRole("button", { name: "All" }));

    const kind = within(screen.getByRole("group", { name: "Kind" }));
    await user.click(kind.getByRole("button", { name: "Manual" }));
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 1 of 1"));
    await user.click(kind.getByRole("button", { name: "Event" }));
    expect(await screen.findByText("No runs match these filters.")).toBeInTheDocument();
    await user.click(kind.getByRole("button", { name: "All" }));

    // Nov 29 only (UTC viewer): four runs of Daily digest.
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-29" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-11-29" } });
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 4 of 4"));
    await user.click(screen.getByRole("button", { name: "Clear dates" }));
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 10 of 28"));
  });

  it("exports the filtered runs as CSV (escaped, formulas neutralised) and as JSON", async () => {
    const harness = createPlannerHarness();
    await seedHistory(harness);
    await seedInvoices(harness);
    const blobs: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), `blob:test/${blobs.length}`), revokeObjectURL: () => {} });
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });
    await screen.findByRole("table", { name: "Runs" });
    await user.type(screen.getByRole("searchbox", { name: "Search runs" }), "invoice");
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 3 of 3"));

    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(await screen.findByText("3 runs exported.")).toBeInTheDocument();
    expect(names[0]).toMatch(/^runs-2026-11-30-09-00\.csv$/);
    const csv = await blobs[0]!.text();
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("Run id,Name,Owner kind,Kind,Status,Created,Started,Finished,Duration (ms),Attempts,User,Message or input,Error,Link");
    expect(lines.filter((line) => line.startsWith("run_"))).toHaveLength(3);
    expect(csv).toContain(',Invoice watcher,job,Manual,succeeded,2026-11-30T08:40:00.000Z,');
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example""), ""quoted""\nsecond line",`);
    expect(csv).toContain(",Quota 100% used (.*),");

    await user.click(screen.getByRole("button", { name: "Export JSON" }));
    await waitFor(() => expect(blobs).toHaveLength(2));
    expect(blobs[1]!.type).toBe("application/json");
    const json = JSON.parse(await blobs[1]!.text()) as Array<{ ownerName: string; cause: string }>;
    expect(json.map((run) => [run.ownerName, run.cause])).toEqual([
      ["Invoice watcher", "manual"],
      ["Invoice watcher", "schedule"],
      ["Invoice watcher", "schedule"],
    ]);
  });

  it("details show what was sent, the error, attempts with times, the id, the user, the timeline, and Re-run", async () => {
    const harness = createPlannerHarness();
    await harness.planner.start();
    const { job } = await seedInvoices(harness);
    await seedRun(harness, job.id, "failed", "2026-11-30T08:50:00.000Z", {
      userId: "user-1",
      renderedMessage: "Check the invoices",
      timeline: [
        { at: "2026-11-30T08:50:01.000Z", step: "started" },
        { at: "2026-11-30T08:50:01.000Z", step: "executorCalled", attempt: 1 },
        { at: "2026-11-30T08:50:02.000Z", step: "attemptFailed", attempt: 1, detail: "503" },
        { at: "2026-11-30T08:50:04.000Z", step: "failed", attempt: 2, detail: "The chat service answered 503." },
      ],
      attempts: 2,
    });
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });
    await screen.findByRole("table", { name: "Runs" });

    const debug = within(rowsOf(table())[0]!).getByRole("button", { name: "Debug run of Invoice watcher" });
    await user.click(debug);
    const details = within(document.getElementById(debug.getAttribute("aria-controls")!)!);
    expect(details.getByText("Check the invoices")).toBeInTheDocument();
    expect(details.getAllByText("The chat service answered 503.").length).toBeGreaterThan(0);
    expect(details.getByText("Run id").nextElementSibling).toHaveTextContent(/^run_seed\d+$/);
    expect(details.getByRole("button", { name: "Copy run id" })).toBeInTheDocument();
    expect(details.getByText("Acted for").nextElementSibling).toHaveTextContent("user-1");
    expect(details.getByText("Duration").nextElementSibling).toHaveTextContent("2 sec");
    const attempts = within(details.getByRole("heading", { name: "Attempts" }).nextElementSibling as HTMLElement).getAllByRole("listitem");
    expect(attempts.map((item) => item.textContent)).toEqual(["Attempt 1 · 8:50:01 AM – failed 8:50:02 AM: 503", "Attempt 2 · 8:50:02 AM – failed 8:50:04 AM: The chat service answered 503."]);
    expect(details.getByText("Scheduled for")).toBeInTheDocument();

    await user.click(details.getByRole("button", { name: "Re-run Invoice watcher" }));
    expect(await details.findByText("Re-run started. It appears in the history as a new run.")).toBeInTheDocument();
    await waitFor(() => expect(within(rowsOf(table())[0]!).getByText("Replay")).toBeInTheDocument());

    // A run-now run: Kind "Manual", no "Scheduled for".
    const manualRow = rowsOf(table()).find((row) => within(row).queryByText("Manual"));
    await user.click(within(manualRow!).getByRole("button", { name: "View run of Invoice watcher" }));
    const manualDetails = within(document.getElementById(within(manualRow!).getByRole("button", { name: "Hide run of Invoice watcher" }).getAttribute("aria-controls")!)!);
    expect(manualDetails.getByText("Kind").nextElementSibling).toHaveTextContent("Manual");
    expect(manualDetails.queryByText("Scheduled for")).not.toBeInTheDocument();
    expect(manualDetails.getByRole("link", { name: "Open chat" })).toHaveAttribute("href", expect.stringMatching(/^\/chat\/t\d+$/));
  });

  it("a host-reported failure reads as reported by the host, and a javascript: link is not offered", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(dailyJob("Host job"));
    // A javascript: link never gets into the store (the run schema takes http(s) or a path), and the UI checks
    // again before it renders a link, for a host store that skipped the schema.
    await expect(seedRun(harness, job.id, "failed", "2026-11-30T08:40:00.000Z", { result: { url: "javascript:alert(1)", threadId: "t0" } })).rejects.toThrow(/http\(s\) URL/);
    for (const url of ["javascript:alert(1)", "data:text/html,x", "//evil.example/x", " https://x.example"]) expect(safeLink(url)).toBeNull();
    expect(safeLink("https://chat.example/t1")).toBe("https://chat.example/t1");
    await seedRun(harness, job.id, "failed", "2026-11-30T08:50:00.000Z", {
      attempts: 1,
      result: { threadId: "t1" },
      timeline: [
        { at: "2026-11-30T08:50:01.000Z", step: "executorCalled", attempt: 1 },
        { at: "2026-11-30T08:50:02.000Z", step: "accepted", attempt: 1 },
        { at: "2026-11-30T08:51:00.000Z", step: "failed", detail: "The host said no." },
      ],
    });
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });
    await screen.findByRole("table", { name: "Runs" });
    const debug = within(table()).getByRole("button", { name: "Debug run of Host job" });
    await user.click(debug);
    const details = within(document.getElementById(debug.getAttribute("aria-controls")!)!);
    const timeline = within(details.getByRole("heading", { name: "Timeline" }).nextElementSibling as HTMLElement);
    expect(timeline.getByText(/Failed \(reported by the host\)/)).toBeInTheDocument();
    expect(timeline.queryByText(/Failed \(attempt 1\)/)).not.toBeInTheDocument();
    expect(details.queryByRole("link")).not.toBeInTheDocument();
  });

  it("a run in progress shows its elapsed time ticking, in the row and in Active executions, and Cancel ends it", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(dailyJob("Daily digest"));
    await seedRun(harness, job.id, "succeeded", "2026-11-30T08:00:00.000Z");
    await seedRun(harness, job.id, "started", "2026-11-30T08:59:29.000Z", {
      cause: "manual",
      finishedAt: undefined,
      result: undefined,
      timeline: [
        { at: "2026-11-30T08:59:30.000Z", step: "started" },
        { at: "2026-11-30T08:59:30.000Z", step: "rendered" },
        { at: "2026-11-30T08:59:30.000Z", step: "executorCalled", attempt: 1 },
        { at: "2026-11-30T08:59:31.000Z", step: "accepted", attempt: 1 },
      ],
    });
    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });
    const active = await screen.findByRole("region", { name: "Runs in progress" });
    const card = within(within(active).getByRole("listitem", { name: "Daily digest" }));
    expect(card.getByText("Running for 30 sec")).toBeInTheDocument();
    expect(card.getByText(/^Scheduled job • Manual • Started/)).toBeInTheDocument();
    expect(card.getByText(/Accepted \(running in the host\)/)).toBeInTheDocument();

    await screen.findByRole("table", { name: "Runs" });
    const row = rowsOf(table())[0]!;
    expect(within(row).getByText("Manual")).toBeInTheDocument();
    expect(within(row).getByText("Running for 30 sec")).toBeInTheDocument();
    expect(within(row).queryByRole("checkbox")).not.toBeInTheDocument();

    harness.clock.advance(5_000);
    await waitFor(() => expect(within(row).getByText("Running for 35 sec")).toBeInTheDocument());

    await user.click(within(row).getByRole("button", { name: "Cancel run of Daily digest" }));
    await waitFor(() => expect(within(rowsOf(table())[0]!).getByText("Cancelled")).toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole("region", { name: "Runs in progress" })).not.toBeInTheDocument());
    expect((await harness.store.searchAgentRuns(AGENT_ID, { statuses: ["cancelled"] })).items[0]).toMatchObject({ cancelledBy: "user-1" });
  });

  it("replays selected failed runs and reports each refusal", async () => {
    const harness = createPlannerHarness();
    await harness.planner.start();
    const digest = await harness.caller().jobs.create(dailyJob("Daily digest"));
    const gone = await harness.caller().jobs.create(dailyJob("Gone job"));
    await seedRun(harness, digest.id, "succeeded", "2026-11-30T07:00:00.000Z");
    await seedRun(harness, digest.id, "failed", "2026-11-30T08:00:00.000Z");
    await seedRun(harness, digest.id, "failed", "2026-11-30T08:05:00.000Z");
    await seedRun(harness, gone.id, "failed", "2026-11-30T08:10:00.000Z");
    // A deleted job's history goes with it: its failed run is not offered.
    await harness.caller().jobs.delete({ agentId: AGENT_ID, jobId: gone.id });

    const { user } = renderWithPlanner(<RunHistory agentId={AGENT_ID} />, { harness });
    await screen.findByRole("table", { name: "Runs" });
    expect(within(table()).queryByText("Gone job")).not.toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Select all failed runs on this page" }));
    const selection = screen.getByRole("region", { name: "2 selected" });
    await user.click(within(selection).getByRole("button", { name: "Replay selected" }));

    // One replay per job at a time: the second of the same job is refused, and the report says why.
    const report = await screen.findByRole("alert");
    expect(report).toHaveTextContent("1 replay started, 1 refused.");
    expect(within(report).getByRole("listitem")).toHaveTextContent(/^Daily digest: A replay is already (queued|running)\. Wait for it to finish, then replay again\.$/);
    expect(screen.queryByRole("region", { name: /selected/ })).not.toBeInTheDocument();
    await waitFor(() => expect(rowsOf(table()).some((row) => within(row).queryByText("Replay"))).toBe(true));
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
  });

  it("shows one job's runs when given an owner", async () => {
    const harness = createPlannerHarness();
    const { job } = await seedHistory(harness);
    const other = await harness.caller().jobs.create(dailyJob("Other job"));
    await seedRun(harness, other.id, "succeeded", "2026-11-30T08:30:00.000Z");
    renderWithPlanner(<RunHistory agentId={AGENT_ID} owner={{ kind: "job", id: job.id }} ownerName="Daily digest" />, { harness });
    await screen.findByRole("table", { name: "Runs" });
    await waitFor(() => expect(showing()).toHaveTextContent("Showing 1 to 10 of 25"));
    expect(within(table()).queryByText("Other job")).not.toBeInTheDocument();
  });
});
