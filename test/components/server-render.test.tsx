import { QueryClient } from "@tanstack/react-query";
import { act, screen, waitFor, within } from "@testing-library/react";
import { createTRPCClient, unstable_localLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { ReactElement } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { afterEach, describe, expect, it } from "vitest";
import { PlannerProvider, type PlannerClient } from "../../src/client";
import { PlannerPanel } from "../../src/components";
import { loadPlannerPanel } from "../../src/server";
import { createContextInner } from "../../src/server/context";
import { plannerRouter, type PlannerRouter } from "../../src/server/router";
import { PANEL_QUERIES, type PlannerPanelData } from "../../src/shared/panel-data";
import { AGENT_ID, USER_ID, createPlannerHarness, type PlannerHarness } from "./harness";
import { dailyJob } from "./panel-seed";

/** A client over the real router that records every procedure it is asked for. */
function recordingClient(harness: PlannerHarness): { client: PlannerClient; calls: string[] } {
  const calls: string[] = [];
  const record: TRPCLink<PlannerRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        calls.push(op.path);
        return next(op).subscribe(observer);
      });
  const client = createTRPCClient<PlannerRouter>({
    links: [record, unstable_localLink({ router: plannerRouter, createContext: () => Promise.resolve(createContextInner(harness.planner.deps, { userId: USER_ID })), transformer: superjson })],
  });
  return { client, calls };
}

function panel(client: PlannerClient, harness: PlannerHarness, data: PlannerPanelData | null, timeZone?: string): ReactElement {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
  return (
    <PlannerProvider client={client} queryClient={queryClient} clock={harness.clock.now} initialData={data} {...(timeZone ? { timeZone, locale: "en-US" } : {})}>
      <PlannerPanel agentId={AGENT_ID} />
    </PlannerProvider>
  );
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

/** Renders on "the server" (renderToString), puts the HTML in the page and hydrates it as the browser would. */
async function serverRenderThenHydrate(harness: PlannerHarness, data: PlannerPanelData, browserZone?: string) {
  const server = recordingClient(harness);
  const html = renderToString(panel(server.client, harness, data));
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const browser = recordingClient(harness);
  const mismatches: unknown[] = [];
  await act(async () => {
    root = hydrateRoot(container, panel(browser.client, harness, data, browserZone), { onRecoverableError: (error) => mismatches.push(error) });
    await Promise.resolve();
  });
  return { html, server, browser, mismatches };
}

describe("Server rendering: loadPlannerPanel + <PlannerProvider initialData>", () => {
  it("renders every card into the server's HTML, hydrates without a mismatch and asks for none of the panel's reads again", async () => {
    // The planner's clock is the real one here: the data's age (for TanStack Query's staleTime) is counted in it.
    const harness = createPlannerHarness({ start: new Date().toISOString() });
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    await harness.caller().jobs.create({ ...dailyJob("Evening summary"), description: "What happened today." });
    const data = await loadPlannerPanel(harness.planner, { userId: USER_ID }, { agentId: AGENT_ID, locale: "en-US", timeZone: "UTC" });

    const { html, server, browser, mismatches } = await serverRenderThenHydrate(harness, data);
    expect(html).toContain("Morning digest");
    expect(html).toContain("Evening summary");
    expect(html).toContain("What happened today.");
    // The server made no request through the client: everything came from the data.
    expect(server.calls).toEqual([]);
    expect(mismatches).toEqual([]);

    expect(screen.getByRole("article", { name: "Morning digest" })).toBeInTheDocument();
    // After hydration the panel opens its live stream and reads only what the data did not hold (the trigger list
    // failed on the server: no Composio here).
    await act(() => new Promise((settle) => setTimeout(settle, 50)));
    expect(browser.calls).toContain("live.onChange");
    expect(browser.calls.filter((path) => (PANEL_QUERIES as readonly string[]).includes(path))).toEqual(["triggers.list"]);

    // It is a live panel: a change made elsewhere shows up.
    await harness.caller().jobs.create(dailyJob("Added later"));
    expect(await screen.findByRole("article", { name: "Added later" }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it("the browser's first render uses the server's zone (no mismatch), then the viewer's own", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const data = await loadPlannerPanel(harness.planner, { userId: USER_ID }, { agentId: AGENT_ID, locale: "en-US", timeZone: "UTC" });

    const { html, mismatches } = await serverRenderThenHydrate(harness, data, "Asia/Tokyo");
    expect(html).toContain("Next: Tomorrow 9:00 AM");
    expect(mismatches).toEqual([]);
    // 09:00 UTC is 18:00 in Tokyo.
    const card = within(screen.getByRole("article", { name: "Morning digest" }));
    await waitFor(() => expect(card.getByText("Next: Tomorrow 6:00 PM")).toBeInTheDocument());
  });

  it("leaves out what the user may not read (the browser then reads it and shows its error); never throws", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const data = await loadPlannerPanel(harness.planner, { userId: "user-2" }, { agentId: AGENT_ID });
    expect(superjson.parse(data.queries)).toEqual({});
    const own = await loadPlannerPanel(harness.planner, { userId: USER_ID }, { agentId: AGENT_ID });
    // Without Composio the trigger list answers an error: left out too, the rest is there.
    expect(Object.keys(superjson.parse<Record<string, unknown>>(own.queries)).sort()).toEqual(PANEL_QUERIES.filter((query) => query !== "triggers.list").sort());
  });

  it("picks the locale from a tag or an Accept-Language header and refuses unknown zones", async () => {
    const harness = createPlannerHarness();
    const load = (locale: string | null, timeZone?: string) => loadPlannerPanel(harness.planner, { userId: USER_ID }, { agentId: AGENT_ID, locale, timeZone });
    expect((await load("fr-CH, fr;q=0.9, en;q=0.8")).locale).toBe("fr-CH");
    expect((await load("de-DE")).locale).toBe("de-DE");
    expect((await load("*;q=0.5, ;;, \u202e")).locale).toBe("en-US");
    expect((await load(null)).locale).toBe("en-US");
    expect((await load(null, "Europe/Paris")).timeZone).toBe("Europe/Paris");
    expect((await load(null, "Mars/Olympus_Mons")).timeZone).toBe("UTC");
    expect((await load(null)).timeZone).toBe("UTC");
  });

  it("ignores initial data that is not the planner's (a host passing something else renders as without it)", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { client } = recordingClient(harness);
    const html = renderToString(panel(client, harness, { format: "something-else" } as unknown as PlannerPanelData));
    expect(html).not.toContain("Morning digest");
    const broken = { ...(await loadPlannerPanel(harness.planner, { userId: USER_ID }, { agentId: AGENT_ID })), queries: "{not json" };
    expect(renderToString(panel(client, harness, broken))).not.toContain("Morning digest");
  });
});
