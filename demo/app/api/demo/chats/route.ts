import { DEMO_AGENT } from "@/lib/catalog";
import { demo } from "@/lib/planner";

export const dynamic = "force-dynamic";

/** The demo host's chat threads, newest first (polled by the Chats tab). */
export async function GET(): Promise<Response> {
  return Response.json({ items: await demo.host.listThreads(DEMO_AGENT.id) }, { headers: { "cache-control": "no-store" } });
}
