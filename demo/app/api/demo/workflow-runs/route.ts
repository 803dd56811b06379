import { DEMO_AGENT } from "@/lib/catalog";
import { ownerNames, workflowName } from "@/lib/names";
import { demo } from "@/lib/planner";

export const dynamic = "force-dynamic";

/** The demo host's workflow runs, newest first (polled by the Workflow runs tab), with the workflow's and the job's names. */
export async function GET(): Promise<Response> {
  const [runs, nameOf] = await Promise.all([demo.host.listWorkflowRuns(DEMO_AGENT.id), ownerNames(demo.planner, DEMO_AGENT.id)]);
  const items = runs.map((run) => ({ ...run, workflowName: workflowName(run.workflowId), ownerName: nameOf(run.source) }));
  return Response.json({ items }, { headers: { "cache-control": "no-store" } });
}
