import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

describe("A section's pager (agents with more cards than fit on one page)", () => {
  it("shows one page at a time with the range, Previous and Next; a page emptied by a delete falls back", async () => {
    const harness = createPlannerHarness();
    for (const name of ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]) await harness.caller().jobs.create(dailyJob(name));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} pageSize={2} />, { harness });
    const pager = within(await screen.findByRole("navigation", { name: "Scheduled jobs: pages" }));
    expect(screen.getAllByRole("article")).toHaveLength(2);
    expect(pager.getByText("Showing 1–2 of 5")).toBeInTheDocument();
    expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();

    await user.click(pager.getByRole("button", { name: "Next" }));
    await user.click(pager.getByRole("button", { name: "Next" }));
    expect(pager.getByText("Showing 5–5 of 5")).toBeInTheDocument();
    expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
    const last = screen.getByRole("article");
    const lastName = last.getAttribute("aria-labelledby") ? within(last).getByRole("heading").textContent : null;
    expect(lastName).toBeTruthy();

    // The only card of the last page deleted elsewhere: the pager shows the page before, not an empty one.
    const jobs = await harness.caller().jobs.list({ agentId: AGENT_ID });
    const doomed = jobs.find((job) => job.name === lastName)!;
    await harness.caller().jobs.delete({ agentId: AGENT_ID, jobId: doomed.id });
    await waitFor(() => expect(screen.getByText("Showing 3–4 of 4")).toBeInTheDocument());
    expect(screen.getAllByRole("article")).toHaveLength(2);
  });

  it("shows no pager while everything fits", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Alpha"));
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    expect(await screen.findByRole("article", { name: "Alpha" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Scheduled jobs: pages" })).not.toBeInTheDocument();
  });
});
