import { DEMO_AGENT } from "@/lib/catalog";
import { ownerNames } from "@/lib/names";
import { demo } from "@/lib/planner";

export const dynamic = "force-dynamic";

/** The demo host's chat threads, newest first (polled by the Chats tab), each message with its job's or trigger's name. */
export async function GET(): Promise<Response> {
  const [threads, nameOf] = await Promise.all([demo.host.listThreads(DEMO_AGENT.id), ownerNames(demo.planner, DEMO_AGENT.id)]);
  const items = threads.map((thread) => ({
    ...thread,
    messages: thread.messages.map((message) => ({ ...message, ownerName: nameOf(message.source) })),
  }));
  return Response.json({ items }, { headers: { "cache-control": "no-store" } });
}
