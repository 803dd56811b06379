import { DEMO_AGENT } from "@/lib/catalog";
import { demo } from "@/lib/planner";
import { refuseCrossOrigin } from "@/lib/same-origin";

export const dynamic = "force-dynamic";

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * Asks the local Composio sandbox to emit an event for one of the agent's triggers: the sandbox signs it and
 * delivers it to /api/workforce/triggers/webhook like Composio would. Body: `{ triggerId, data? }`.
 */
export async function POST(req: Request): Promise<Response> {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  if (!demo.sandbox) return answer(409, { message: "Simulating events needs the local Composio sandbox; this demo is connected to real Composio (COMPOSIO_API_KEY is set)." });
  let body: { triggerId?: unknown; data?: unknown };
  try {
    body = (await req.json()) as typeof body;
  } catch {
    return answer(400, { message: "The request body must be JSON: { triggerId, data }." });
  }
  if (typeof body.triggerId !== "string") return answer(400, { message: "Choose a trigger to simulate an event for." });
  if (body.data !== undefined && (typeof body.data !== "object" || body.data === null || Array.isArray(body.data))) {
    return answer(400, { message: "The event payload must be a JSON object." });
  }
  const { triggers } = await demo.store.get(DEMO_AGENT.id);
  const trigger = triggers.find((t) => t.id === body.triggerId);
  if (!trigger) return answer(404, { message: "That trigger no longer exists." });
  if (!trigger.composioTriggerId) return answer(409, { message: `"${trigger.name}" is not registered with Composio yet, so no event can reach it.` });
  const sandbox = await demo.sandbox.ready();
  if (!sandbox.state.instances.has(trigger.composioTriggerId)) return answer(409, { message: `The sandbox does not know "${trigger.name}" (${trigger.composioTriggerId}).` });
  const data = body.data as Record<string, unknown> | undefined;
  const result = await sandbox.emit(trigger.composioTriggerId, data && Object.keys(data).length > 0 ? data : undefined);
  if (!result.delivered) return answer(502, { delivered: false, message: `Nothing was delivered: ${result.reason ?? "unknown reason"}.` });
  // What the planner made of it, from the trigger's counters: a filtered event starts nothing, so say so here.
  const after = (await demo.store.get(DEMO_AGENT.id)).triggers.find((t) => t.id === trigger.id)?.state;
  let outcome = "";
  if (after && after.filteredCount > trigger.state.filteredCount) {
    outcome = ` It did not match the trigger's filters, so nothing ran (${after.filteredCount} filtered so far).`;
  } else if (after && after.duplicateCount > trigger.state.duplicateCount) {
    outcome = " The planner had seen this event already and ignored the duplicate.";
  } else if (after && after.firedCount > trigger.state.firedCount) {
    outcome = " The trigger fired.";
  }
  const message = `Delivered a signed webhook (${result.webhookId ?? "?"}) to the planner — HTTP ${String(result.status)}.${outcome}`;
  return answer(200, { delivered: true, status: result.status, webhookId: result.webhookId, message });
}
