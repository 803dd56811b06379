import { isValidTimezone } from "../shared/cron";
import { canonicalTimeZone } from "../shared/format";
import { PANEL_DATA_FORMAT, PANEL_QUERIES, panelQueryInput, type PanelQuery, type PlannerPanelData } from "../shared/panel-data";
import { createPlannerCaller, type PlannerCaller } from "./caller";
import type { Planner } from "./deps";
import type { PlannerUser } from "./options";
import { plannerTransformer } from "./transformer";

export interface LoadPlannerPanelOptions {
  /** The agent whose panel the page shows. */
  agentId: string;
  /**
   * The viewer's locale: a BCP 47 tag ("fr-FR") or the request's `Accept-Language` header; the first locale this
   * runtime supports is used (default "en-US"). The browser switches to its own after its first render.
   */
  locale?: string | null | undefined;
  /**
   * The viewer's IANA zone, when the host knows it (a profile setting, a cookie its page set); default "UTC". The
   * browser switches to its own after its first render.
   */
  timeZone?: string | null | undefined;
}

function call(caller: PlannerCaller, query: PanelQuery, agentId: string): Promise<unknown> {
  const input = panelQueryInput(query, agentId);
  switch (query) {
    case "overview":
      return caller.overview(input);
    case "jobs.list":
      return caller.jobs.list(input);
    case "triggers.list":
      return caller.triggers.list(input);
    case "runs.strips":
      return caller.runs.strips(input);
    case "activity.list":
      return caller.activity.list(input);
    case "proposals.list":
      return caller.proposals.list(input);
  }
}

/** The first supported locale of a tag or an `Accept-Language` value ("fr-CH, fr;q=0.9, en;q=0.8"). */
function pickLocale(value: string | null | undefined): string {
  const tags = (value ?? "")
    .slice(0, 512)
    .split(",")
    .map((part) => part.split(";")[0]!.trim())
    .filter((tag) => tag !== "" && tag !== "*");
  for (const tag of tags) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // not a well-formed tag: the next one
    }
  }
  return "en-US";
}

function pickTimeZone(value: string | null | undefined): string {
  const zone = value?.slice(0, 100);
  return zone && isValidTimezone(zone) ? canonicalTimeZone(zone) : "UTC";
}

/**
 * Reads what the planner panel shows first — overview, jobs, triggers, their recent runs, activity, proposals — on
 * the server, as `user`, through the same procedures as the HTTP route (so `canAccessAgent` is checked). Pass the
 * answer to `<PlannerProvider initialData>`: the server then renders every card into the page's HTML and the browser
 * asks for none of it again until it changes. A read that fails (no access, a store fault) is left out; the
 * browser makes it and shows its error as usual. The answer is plain data a server component can hand to a client
 * component; it holds this user's view of this agent, so never cache it across users.
 *
 * @example
 * ```tsx
 * // app/agents/[id]/page.tsx (a server component)
 * import { headers } from "next/headers";
 * import { loadPlannerPanel } from "agent-planner/server";
 *
 * const initialData = await loadPlannerPanel(planner, { userId }, {
 *   agentId: id,
 *   locale: (await headers()).get("accept-language"),
 * });
 * return <AgentPlanner agentId={id} initialData={initialData} />; // <PlannerProvider initialData={initialData}>
 * ```
 */
export async function loadPlannerPanel(planner: Planner, user: PlannerUser, options: LoadPlannerPanelOptions): Promise<PlannerPanelData> {
  const caller = createPlannerCaller(planner, user);
  const { agentId } = options;
  // The planner's clock (a test's fake one too): "in 2 hours" must be the same on the server and in the browser's first render.
  const at = planner.deps.clock().getTime();
  const settled = await Promise.allSettled(PANEL_QUERIES.map((query) => call(caller, query, agentId)));
  const results: Partial<Record<PanelQuery, unknown>> = {};
  settled.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") results[PANEL_QUERIES[index]!] = outcome.value;
  });
  return {
    format: PANEL_DATA_FORMAT,
    agentId,
    at,
    locale: pickLocale(options.locale),
    timeZone: pickTimeZone(options.timeZone),
    queries: JSON.stringify(plannerTransformer.output.serialize(results)),
  };
}
