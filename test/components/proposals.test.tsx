import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PlannerPanel, ProposalList } from "../../src/components";
import { plannerTools } from "../../src/server/tools";
import { AGENT_ID, USER_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";

async function propose(harness: PlannerHarness, input: Partial<Parameters<ReturnType<typeof plannerTools>["proposeJob"]["execute"]>[0]> = {}) {
  const tools = plannerTools({ planner: harness.planner, agentId: AGENT_ID, userId: USER_ID });
  const answer = await tools.proposeJob.execute({
    name: "Monday plan",
    cron: "0 9 * * 1",
    timezone: "UTC",
    prompt: "Plan the week of {date} for {agentName}.",
    reason: "You asked me every Monday at 9.",
    ...input,
  });
  if (!answer.ok) throw new Error(answer.error);
  return answer.proposal;
}

describe("ProposalList and ProposalCard", () => {
  it("shows nothing while the agent proposed nothing", async () => {
    const harness = createPlannerHarness();
    renderWithPlanner(<ProposalList agentId={AGENT_ID} />, { harness });
    await waitFor(() => expect(harness.queryClient.isFetching()).toBe(0));
    expect(screen.queryByRole("region", { name: /Proposed by the agent/ })).not.toBeInTheDocument();
  });

  it("shows the pending card: sentence, next runs, rendered prompt and the user it acts for", async () => {
    const harness = createPlannerHarness();
    await propose(harness);
    renderWithPlanner(<ProposalList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Monday plan" }));
    expect(card.getByText("Pending approval")).toBeInTheDocument();
    expect(card.getByText("Every Monday at 9:00 AM")).toBeInTheDocument();
    expect(card.getAllByRole("listitem").map((item) => item.querySelector("time")?.getAttribute("datetime"))).toEqual([
      "2026-12-07T09:00:00.000Z",
      "2026-12-14T09:00:00.000Z",
      "2026-12-21T09:00:00.000Z",
    ]);
    expect(card.getByText("Plan the week of Monday, December 7, 2026 for Ada.")).toBeInTheDocument();
    expect(card.getByText("user-1")).toBeInTheDocument();
    expect(card.getByText("You asked me every Monday at 9.")).toBeInTheDocument();
    expect(card.getByRole("group", { name: "Answer the proposal Monday plan" })).toBeInTheDocument();
  });

  it("Approve creates the job, removes the card and announces it", async () => {
    const harness = createPlannerHarness();
    await propose(harness);
    const { user } = renderWithPlanner(<ProposalList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Monday plan" }));
    await user.click(card.getByRole("button", { name: "Approve" }));
    expect(await screen.findByText('"Monday plan" approved: it is now a scheduled job.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("article", { name: "Monday plan" })).not.toBeInTheDocument());
    const jobs = await harness.caller().jobs.list({ agentId: AGENT_ID });
    expect(jobs).toEqual([expect.objectContaining({ name: "Monday plan", enabled: true, updatedBy: USER_ID })]);
  });

  it("Reject drops it and creates nothing", async () => {
    const harness = createPlannerHarness();
    await propose(harness);
    const { user } = renderWithPlanner(<ProposalList agentId={AGENT_ID} />, { harness });
    await user.click(within(await screen.findByRole("article", { name: "Monday plan" })).getByRole("button", { name: "Reject" }));
    expect(await screen.findByText('The proposal "Monday plan" was rejected.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("article", { name: "Monday plan" })).not.toBeInTheDocument());
    expect(await harness.caller().jobs.list({ agentId: AGENT_ID })).toEqual([]);
    expect(await harness.caller().proposals.list({ agentId: AGENT_ID })).toEqual([]);
  });

  it("a refused approval is announced and the card stays", async () => {
    const harness = createPlannerHarness();
    await propose(harness);
    const { user } = renderWithPlanner(<ProposalList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Monday plan" }));
    // Someone creates a job of that name first: approval must refuse, with the sentence.
    await harness.caller().jobs.create({ agentId: AGENT_ID, name: "Monday plan", schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    await user.click(card.getByRole("button", { name: "Approve" }));
    expect(await screen.findByText(/Could not answer the proposal "Monday plan": Another scheduled job is already called "Monday plan"/)).toBeInTheDocument();
    expect(screen.getByRole("article", { name: "Monday plan" })).toBeInTheDocument();
  });

  it("Edit opens the job dialog prefilled; saving approves the edited job", async () => {
    const harness = createPlannerHarness();
    await propose(harness);
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    await user.click(within(await screen.findByRole("article", { name: "Monday plan" })).getByRole("button", { name: "Edit" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Review the proposed job" }));
    const name = dialog.getByRole("textbox", { name: /Name/ });
    expect(name).toHaveValue("Monday plan");
    await user.clear(name);
    await user.type(name, "Monday planning");
    await user.click(dialog.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(async () => expect(await harness.caller().jobs.list({ agentId: AGENT_ID })).toEqual([expect.objectContaining({ name: "Monday planning", enabled: true })]));
    expect(await harness.caller().proposals.list({ agentId: AGENT_ID })).toEqual([]);
    expect(await screen.findByRole("article", { name: "Monday planning" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /Proposed by the agent/ })).not.toBeInTheDocument();
  });
});
