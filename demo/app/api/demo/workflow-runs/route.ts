import { DEMO_AGENT } from "@/lib/catalog";
import { demo } from "@/lib/planner";

export const dynamic = "force-dynamic";

/** The demo host's workflow runs, newest first (polled by the Workflow runs tab). */
export async function GET(): Promise<Response> {
  return Response.json({ items: await demo.host.listWorkflowRuns(DEMO_AGENT.id) }, { headers: { "cache-control": "no-store" } });
}
