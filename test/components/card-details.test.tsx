import { act, screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { JobList, PlannerPanel, TriggerList } from "../../src/components";
import type { Run } from "../../src/shared/schemas";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio();
});
afterAll(() => composio.close());

function run(id: string, jobId: string, overrides: Partial<Run> = {}): Run {
  return { id, agentId: AGENT_ID, owner: { kind: "job", id: jobId }, cause: "manual", createdAt: "2026-11-30T08:55:00.000Z", status: "succeeded", attempts: 1, ...overrides };
}

describe("clicking a card opens its edit dialog", () => {
  it("a click on the card's body or Enter on its title edits it; the menu and the status pill do not", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const onEdit = vi.fn();
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} onEdit={onEdit} />, { harness });
    const article = await screen.findByRole("article", { name: "Morning digest" });
    const card = within(article);

    // The body: the footer's schedule text.
    await user.click(card.getByText("Daily at 9:00 AM"));
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(onEdit.mock.calls[0]![0]).toMatchObject({ name: "Morning digest" });

    // The kebab opens the menu, not the dialog.
    await user.click(card.getByRole("button", { name: "Actions for Morning digest" }));
    expect(await screen.findByRole("menu")).toBeInTheDocument();
    expect(onEdit).toHaveBeenCalledTimes(1);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument());

    // The keyboard: the title is a button in the heading (no control nested in another).
    const title = within(card.getByRole("heading", { name: "Morning digest" })).getByRole("button", { name: "Morning digest" });
    title.focus();
    await user.keyboard("{Enter}");
    expect(onEdit).toHaveBeenCalledTimes(2);
    expect(title.querySelector("button, a, input")).toBeNull();
  });

  it("in the panel, clicking a job card opens the edit dialog with the job", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Morning digest" }));
    await user.click(card.getByText("Chat template"));
    const dialog = within(await screen.findByRole("dialog"));
    expect(dialog.getByRole("heading", { level: 2 })).toHaveTextContent("Morning digest");
  }, 30_000);

  it("without onEdit the card is not a click target and the title is plain text", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Read only"));
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const article = await screen.findByRole("article", { name: "Read only" });
    expect(article).not.toHaveAttribute("data-clickable");
    expect(within(article).queryByRole("button", { name: "Read only" })).toBeNull();
  });
});

describe("what a card says about its runs", () => {
  it("shows the last run as words from the list itself, and a skeleton, not 'No runs yet', while runs load", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(dailyJob("Morning digest"));
    const done = run("run_lastrun0001", job.id, { startedAt: "2026-11-30T08:55:00.000Z", finishedAt: "2026-11-30T08:55:00.000Z" });
    await harness.store.appendRun(done);
    await harness.store.update(AGENT_ID, (planner) => ({
      ...planner,
      jobs: planner.jobs.map((j) => ({ ...j, state: { ...j.state, lastRun: { runId: done.id, cause: "manual", status: "succeeded", at: "2026-11-30T08:55:00.000Z" } } })),
    }));
    // Hold the runs query: what shows before it answers?
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const listRuns = harness.store.listRuns.bind(harness.store);
    harness.store.listRuns = async (...args) => {
      await gate;
      return listRuns(...args);
    };
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Morning digest" }));
    expect(card.getByText("Last run 5 minutes ago · succeeded")).toBeInTheDocument();
    expect(card.getByRole("img", { name: "Loading…" })).toBeInTheDocument();
    expect(card.queryByRole("img", { name: "No runs yet" })).toBeNull();
    await act(async () => {
      release();
      await gate;
    });
    expect(await card.findByRole("img", { name: "Last 1 run: 1 succeeded, 0 failed" })).toBeInTheDocument();
  });

  it("a card without runs says so once runs are known", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Fresh"));
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Fresh" }));
    expect(card.getByText("Not run yet")).toBeInTheDocument();
    expect(await card.findByRole("img", { name: "No runs yet" })).toBeInTheDocument();
  });

  it("a running job says what it is doing now: running since when, or waiting for the chat to finish", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(dailyJob("Busy"));
    await harness.store.appendRun(run("run_running0001", job.id, { status: "running", attempts: 0, startedAt: "2026-11-30T08:58:00.000Z", createdAt: "2026-11-30T08:58:00.000Z" }));
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Busy" }));
    expect(await card.findByText("Running · started 2 minutes ago")).toBeInTheDocument();

    await harness.store.updateRun(AGENT_ID, "run_running0001", (r) => ({ ...r, status: "started" }));
    expect(await card.findByText("Waiting for the chat to finish")).toBeInTheDocument();
  });
});

describe("hostile names are isolated", () => {
  const name = "Invoice \u202Egnp.exe\u200B";

  it("a name with bidi controls and zero-width characters is isolated on the card, in the delete title and in activity", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create({ ...dailyJob("x"), name, description: "\u202Ereversed description" });
    await harness.store.appendRun(run("run_bidiname001", job.id, { finishedAt: "2026-11-30T08:58:00.000Z" }));
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const article = await screen.findByRole("article", { name });
    const title = within(article).getByRole("button", { name });
    expect(title).toHaveAttribute("dir", "auto");
    expect(within(article).getByText("\u202Ereversed description")).toHaveAttribute("dir", "auto");

    const activity = within(await screen.findByRole("list", { name: "Recent activity" }));
    const sentence = await activity.findByText((_, element) => element?.getAttribute("data-slot") === "planner-truncated-text" && element.textContent === `${name} ran successfully`);
    expect(sentence).toHaveAttribute("dir", "auto");
    expect(sentence.querySelector("bdi")).toHaveTextContent(name);

    await user.click(within(article).getByRole("button", { name: `Actions for ${name}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete" }));
    const confirm = await screen.findByRole("alertdialog");
    const heading = within(confirm).getByRole("heading");
    expect(heading).toHaveTextContent(`Delete "${name}"?`);
    expect(heading.querySelector("bdi")).toHaveTextContent(name);
  }, 30_000);
});

describe("Recent activity", () => {
  it("shows a workflow run's result, not the ids it was given", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create({
      ...dailyJob("Triage"),
      action: { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { folder: "inbox" } } },
    });
    await harness.store.appendRun(
      run("run_workflow001", job.id, {
        finishedAt: "2026-11-30T08:58:00.000Z",
        input: { ticketId: "tkt_8f2a91c3d4", folder: "fld_77aa88bb99" },
        result: { workflowRunId: "wfr_1", output: { summary: "Sorted 12 messages into 3 folders", ticketId: "tkt_8f2a91c3d4" } },
      }),
    );
    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const activity = within(await screen.findByRole("list", { name: "Recent activity" }));
    expect(await activity.findByText("Sorted 12 messages into 3 folders")).toBeInTheDocument();
    expect(activity.queryByText(/tkt_8f2a91c3d4|fld_77aa88bb99/)).toBeNull();
  }, 30_000);

  it("drops a deleted job's runs (the confirmation says its history is removed)", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(dailyJob("Short lived"));
    await harness.store.appendRun(run("run_deleted0001", job.id, { finishedAt: "2026-11-30T08:58:00.000Z" }));
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const activity = within(await screen.findByRole("list", { name: "Recent activity" }));
    expect(await activity.findByText("Short lived ran successfully")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Actions for Short lived" }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("No runs yet. Runs appear here as they happen.")).toBeInTheDocument();
    expect(screen.queryByText(/Deleted item/)).toBeNull();
  }, 30_000);
});

describe("trigger cards", () => {
  it("count today's filtered deliveries next to today's events, and name the toolkit as people say it", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Invoices",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
      action: { type: "chat", template: "Invoice from {emailFrom}" },
    });
    const at = new Date("2026-11-30T08:30:00.000Z");
    for (const [deliveryId, outcome] of [
      ["d1", "fired"],
      ["d2", "filtered"],
      ["d3", "filtered"],
    ] as const) {
      await harness.store.countDelivery(AGENT_ID, trigger.id, {
        deliveryId,
        outcome,
        at,
        ttlMs: 60_000,
        ...(outcome === "fired" ? { run: { id: `run_event${deliveryId}00`, agentId: AGENT_ID, owner: { kind: "trigger", id: trigger.id }, cause: "event", createdAt: at.toISOString(), status: "succeeded", attempts: 1 } } : {}),
      });
    }
    renderWithPlanner(<TriggerList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Invoices" }));
    expect(await card.findByText("1 event today · 2 filtered")).toBeInTheDocument();
    expect(await card.findByText("Gmail")).toBeInTheDocument();
  }, 30_000);

  it("clicking a trigger card opens its edit dialog, which names the connected account by its label, not its ca_ id", async () => {
    const harness = createPlannerHarness({ composio });
    await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Recruiters",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "STARRED" } },
      action: { type: "chat", template: "Mail from {emailFrom}" },
    });
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Recruiters" }));
    await user.click(await card.findByText("Gmail"));
    const dialog = await screen.findByRole("dialog");
    await waitFor(() => expect(dialog).toHaveTextContent("user-1@example.com"));
    expect(dialog).not.toHaveTextContent("ca_user1gmail0001");
  }, 30_000);
});
