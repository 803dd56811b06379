import { plannerTools } from "agent-planner/tools";
import { DEMO_AGENT, DEMO_USER_ID } from "@/lib/catalog";
import { demo } from "@/lib/planner";
import { refuseCrossOrigin } from "@/lib/same-origin";
import { scriptedAgentReply } from "@/lib/scripted-agent";

export const dynamic = "force-dynamic";

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** The demo's scripted agent chat: `{ message, timezone? }` → the agent's reply and the planner tool it called. */
export async function POST(req: Request): Promise<Response> {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  let body: { message?: unknown; timezone?: unknown };
  try {
    body = (await req.json()) as typeof body;
  } catch {
    return answer(400, { message: "The request body must be JSON: { message }." });
  }
  if (typeof body.message !== "string" || body.message.trim() === "" || body.message.length > 2000) {
    return answer(400, { message: "Write a message of at most 2,000 characters." });
  }
  const timezone = typeof body.timezone === "string" && body.timezone.length <= 100 ? body.timezone : undefined;
  // The tools act as the signed-in user (the demo has one), in this chat.
  const tools = plannerTools({ planner: demo.planner, agentId: DEMO_AGENT.id, userId: DEMO_USER_ID, chatId: "demo-chat", ...(timezone ? { timezone } : {}) });
  return answer(200, { ...(await scriptedAgentReply(body.message, tools)) });
}
