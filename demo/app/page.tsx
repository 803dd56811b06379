import { DEMO_AGENT } from "@/lib/catalog";
import { AgentModal } from "./agent-modal";
import { isTab, type TabId } from "./tabs";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tab } = await searchParams;
  const initialTab: TabId = typeof tab === "string" && isTab(tab) ? tab : "planner";
  return (
    <main className="demo-page">
      <AgentModal agent={{ id: DEMO_AGENT.id, name: DEMO_AGENT.name, role: DEMO_AGENT.role }} initialTab={initialTab} />
    </main>
  );
}
