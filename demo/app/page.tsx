import { cookies, headers } from "next/headers";
import { loadPlannerPanel } from "agent-planner/server";
import { DEMO_AGENT, demoAuth } from "@/lib/catalog";
import { planner } from "@/lib/planner";
import { AgentModal } from "./agent-modal";
import { isTab, type TabId } from "./tabs";
import { ZONE_COOKIE } from "./theme";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tab, chrome } = await searchParams;
  const initialTab: TabId = typeof tab === "string" && isTab(tab) ? tab : "planner";
  // The Planner tab's first data, read here so the server renders every card into the page (the browser's script
  // then has nothing to fetch before the cards show), in the viewer's language and (from the second visit) zone.
  // Awaited (~70 ms at 500 jobs + 200 triggers): a panel streamed into a <Suspense> boundary drops a click made
  // before that boundary hydrates (React renders it again in the browser), so "Add job" pressed as the page appears
  // did nothing.
  const locale = (await headers()).get("accept-language");
  const timeZone = (await cookies()).get(ZONE_COOKIE)?.value;
  const initialData =
    initialTab === "planner" ? await loadPlannerPanel(planner, demoAuth(), { agentId: DEMO_AGENT.id, locale, timeZone }).catch(() => null) : null;
  // ?theme=dark: the host in dark mode (shadcn's `.dark` on <html>, set by the layout's theme script, as the
  // header's toggle does). ?chrome=host: the host's own Planner heading, buttons and toasts around a panel without
  // its header.
  return (
    <main className="demo-page">
      <AgentModal agent={{ id: DEMO_AGENT.id, name: DEMO_AGENT.name, role: DEMO_AGENT.role }} initialTab={initialTab} hostChrome={chrome === "host"} initialData={initialData} />
    </main>
  );
}
