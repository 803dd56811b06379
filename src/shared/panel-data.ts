/**
 * The panel's first data, read on the server (`loadPlannerPanel`) and handed to `<PlannerProvider initialData>`,
 * so the server renders every card into the page's HTML instead of the browser asking for them after its
 * JavaScript ran. Shared by both sides so the reads the server makes are exactly the queries the panel asks for.
 */

/** The recent-activity rows the panel shows (RecentActivity's default `limit`). */
export const RECENT_ACTIVITY_LIMIT = 8;

export const PANEL_DATA_FORMAT = "agent-planner/panel-data@1";

/** The panel's reads, in the order the server makes them; each takes `{ agentId }` except where noted. */
export const PANEL_QUERIES = ["overview", "jobs.list", "triggers.list", "runs.strips", "activity.list", "proposals.list"] as const;
export type PanelQuery = (typeof PANEL_QUERIES)[number];

/** The input the panel passes to `query` for `agentId` (the query key's input). */
export function panelQueryInput(query: PanelQuery, agentId: string): { agentId: string; limit?: number } {
  return query === "activity.list" ? { agentId, limit: RECENT_ACTIVITY_LIMIT } : { agentId };
}

/**
 * What `loadPlannerPanel` answers: plain data a server component can pass to a client component. `queries` is the
 * planner's wire format (superjson) of the reads that succeeded; a read that failed is left out and the browser
 * makes it. `at`, `locale` and `timeZone` are what the server rendered with: the browser's first render (the one
 * React compares with the server's HTML) uses them too, then the viewer's own.
 */
export interface PlannerPanelData {
  format: typeof PANEL_DATA_FORMAT;
  agentId: string;
  /** When the reads were made (epoch ms). */
  at: number;
  /** The locale the server formatted with (a BCP 47 tag). */
  locale: string;
  /** The IANA zone the server formatted with. */
  timeZone: string;
  /** superjson of `{ [query]: result }`. */
  queries: string;
}

export function isPlannerPanelData(value: unknown): value is PlannerPanelData {
  if (!value || typeof value !== "object") return false;
  const data = value as Partial<Record<keyof PlannerPanelData, unknown>>;
  return (
    data.format === PANEL_DATA_FORMAT &&
    typeof data.agentId === "string" &&
    typeof data.at === "number" &&
    Number.isFinite(data.at) &&
    typeof data.locale === "string" &&
    typeof data.timeZone === "string" &&
    typeof data.queries === "string"
  );
}
