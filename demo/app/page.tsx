import { DEMO_AGENT } from "@/lib/catalog";
import { AgentModal } from "./agent-modal";
import { isTab, type TabId } from "./tabs";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tab, chrome } = await searchParams;
  const initialTab: TabId = typeof tab === "string" && isTab(tab) ? tab : "planner";
  // ?theme=dark: the host in dark mode (shadcn's `.dark` on <html>, set by the layout's theme script, as the
  // header's toggle does). ?chrome=host: the host's own Planner heading, buttons and toasts around a panel without
  // its header.
  return (
    <main className="demo-page">
      <AgentModal agent={{ id: DEMO_AGENT.id, name: DEMO_AGENT.name, role: DEMO_AGENT.role }} initialTab={initialTab} hostChrome={chrome === "host"} />
    </main>
  );
}
