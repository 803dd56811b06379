import { useQuery } from "@tanstack/react-query";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useLabels, useLiveStatus, usePlanner } from "../../src/client";
import type { CreateJobInput } from "../../src/shared/schemas";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";

function digest(name: string): CreateJobInput {
  return { agentId: AGENT_ID, name, schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" }, action: { type: "chat", template: "Digest for {date}" } };
}

/** The smallest screen on the client API: a job list kept fresh by the live stream. */
function Jobs({ agentId }: { agentId: string }) {
  const trpc = usePlanner();
  const labels = useLabels();
  const live = useLiveStatus(agentId);
  const jobs = useQuery(trpc.jobs.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  return (
    <section aria-label="Jobs">
      <p role="status">{labels.live[live.state]}</p>
      {jobs.isPending ? <p>{labels.common.loading}</p> : null}
      {jobs.error ? <p role="alert">{jobs.error.message}</p> : null}
      <ul>
        {jobs.data?.map((job) => (
          <li key={job.id}>
            {job.name} · {labels.status[job.status]}
            {job.state.lastRun ? <span> Last run: {labels.status[job.state.lastRun.status]}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

describe("renderWithPlanner", () => {
  it("lists the jobs seeded in the store through the real router", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(digest("Morning digest"));
    await harness.caller().jobs.create(digest("Evening digest"));

    renderWithPlanner(<Jobs agentId={AGENT_ID} />, { harness });

    const list = within(await screen.findByRole("list"));
    expect(await list.findAllByRole("listitem")).toHaveLength(2);
    expect(list.getByText("Morning digest · Active", { exact: false })).toBeInTheDocument();
    expect(list.getByText("Evening digest · Active", { exact: false })).toBeInTheDocument();
  });

  it("shows the router's error for an agent the user may not open", async () => {
    renderWithPlanner(<Jobs agentId="agent-other" />);
    expect(await screen.findByRole("alert")).toHaveTextContent(/./);
  });

  it("applies label overrides from the provider per key", async () => {
    renderWithPlanner(<Jobs agentId={AGENT_ID} />, { labels: { live: { live: "En direct" } } });
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("En direct"));
  });
});

describe("live updates", () => {
  it("shows a job created after render, and a pause, without refetching by hand", async () => {
    const { caller } = renderWithPlanner(<Jobs agentId={AGENT_ID} />);
    // The stream is open and the (empty) list has loaded: nothing would refetch on its own from here
    // (the harness's queries never go stale).
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Live"));
    await waitFor(() => expect(screen.queryByText("Loading…")).not.toBeInTheDocument());
    expect(screen.queryAllByRole("listitem")).toHaveLength(0);

    const created = await caller().jobs.create(digest("Created later"));
    expect(await screen.findByText("Created later · Active")).toBeInTheDocument();

    await caller().jobs.pause({ agentId: AGENT_ID, jobId: created.id });
    expect(await screen.findByText("Created later · Paused")).toBeInTheDocument();
  });

  it("shows a manual run's result as the run changes stream in", async () => {
    const harness = createPlannerHarness();
    await harness.planner.start();
    const job = await harness.caller().jobs.create(digest("Run me"));
    renderWithPlanner(<Jobs agentId={AGENT_ID} />, { harness });
    expect(await screen.findByText("Run me · Active")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Live"));
    expect(screen.queryByText("Last run: Succeeded")).not.toBeInTheDocument();

    await harness.caller().jobs.runNow({ agentId: AGENT_ID, jobId: job.id });
    expect(await screen.findByText("Last run: Succeeded")).toBeInTheDocument();
    expect(harness.executors.chats).toHaveLength(1);
  });
});
