"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { PlannerProvider } from "agent-planner/client";
import type { PlannerPanelData } from "agent-planner";
import { PlannerPanel } from "agent-planner/components";
import { AgentChatPanel } from "./agent-chat-panel";
import { ConnectionsTab } from "./connections-tab";
import { HostPlannerTab } from "./host-planner-tab";
import { FaultsPanel } from "./faults-panel";
import { ChatsTab, WorkflowRunsTab } from "./host-tabs";
import { SimulateEventPanel } from "./simulate-panel";
import { ThemeToggle } from "./theme-toggle";
import { TABS, isTab, type TabId } from "./tabs";

interface AgentModalProps {
  agent: { id: string; name: string; role: string };
  initialTab: TabId;
  /** The host's own Planner heading, "Add job" / "Add trigger" and toasts around a panel without its header. */
  hostChrome?: boolean;
  /** The Planner tab's first data, read by the page on the server (loadPlannerPanel). */
  initialData?: PlannerPanelData | null;
}

/** The host platform's agent modal, as far as the demo needs it: a header and tabs, Planner being ours. */
export function AgentModal({ agent, initialTab, hostChrome = false, initialData = null }: AgentModalProps) {
  const [tab, setTab] = useState<TabId>(initialTab);
  // The server's read is for the page's first Planner tab only: coming back to the tab later reads afresh.
  const [panelData, setPanelData] = useState(initialData);
  const show = useCallback((next: TabId) => {
    setTab(next);
    if (next !== "planner") setPanelData(null);
  }, []);
  const baseId = useId();
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());

  // Back/forward between tabs, and links such as /?tab=chats#thread_… within the page.
  useEffect(() => {
    const onPop = () => {
      const next = new URL(window.location.href).searchParams.get("tab");
      show(next && isTab(next) ? next : "planner");
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [show]);

  const select = useCallback((next: TabId, focus = false) => {
    show(next);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", next);
    url.hash = "";
    window.history.pushState(null, "", url);
    if (focus) tabRefs.current.get(next)?.focus();
  }, [show]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const move = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (move !== 0) {
      event.preventDefault();
      select(TABS[(index + move + TABS.length) % TABS.length]!.id, true);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      select(TABS[event.key === "Home" ? 0 : TABS.length - 1]!.id, true);
    }
  };

  const initials = agent.name
    .split(/\s+/)
    .map((word) => word[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    <section className="agent-modal" aria-labelledby={`${baseId}-name`}>
      <header className="agent-header">
        <div className="agent-avatar" aria-hidden="true">
          {initials}
        </div>
        <div className="agent-heading">
          <h1 id={`${baseId}-name`}>{agent.name}</h1>
          <p>{agent.role}</p>
        </div>
        <span className="agent-pill">Demo host</span>
        <ThemeToggle />
      </header>
      <div className="agent-tabs" role="tablist" aria-label={`${agent.name} sections`} onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabRefs.current.set(t.id, el);
              else tabRefs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="agent-tab"
            onClick={() => select(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`${baseId}-panel-${t.id}`} aria-labelledby={`${baseId}-tab-${t.id}`} hidden={tab !== t.id} className="agent-panel">
          {tab === t.id ? <TabBody id={t.id} live={t.live} agentId={agent.id} hostChrome={hostChrome} initialData={panelData} /> : null}
        </div>
      ))}
    </section>
  );
}

function TabBody({ id, live, agentId, hostChrome, initialData }: { id: TabId; live: boolean; agentId: string; hostChrome: boolean; initialData: PlannerPanelData | null }) {
  if (!live) {
    return (
      <div className="demo-card demo-placeholder">
        <p>This tab belongs to the host platform. The demo implements only Planner, Chats and Workflow runs.</p>
      </div>
    );
  }
  if (id === "chats") return <ChatsTab />;
  if (id === "settings") return <ConnectionsTab />;
  if (id === "workflow-runs") return <WorkflowRunsTab />;
  return (
    <div className="planner-tab">
      {/*
        Not in a <Suspense> that streams it in later: a streamed boundary that has not hydrated yet drops a click
        (React switches it to client rendering), so "Add job" pressed as the page appears would do nothing.
      */}
      <PlannerTab agentId={agentId} hostChrome={hostChrome} initialData={initialData} />
      <div className="demo-tools">
        <AgentChatPanel />
        <SimulateEventPanel />
        <FaultsPanel />
      </div>
    </div>
  );
}

function PlannerTab({ agentId, hostChrome, initialData }: { agentId: string; hostChrome: boolean; initialData: PlannerPanelData | null }) {
  return (
    <PlannerProvider url="/api/planner" connectHref={connectHref} initialData={initialData}>
      {hostChrome ? <HostPlannerTab agentId={agentId} /> : <PlannerPanel agentId={agentId} />}
    </PlannerProvider>
  );
}

/** The "connect your account" hint in the trigger dialog and the banner's "Connect again" link go to the host's connections (Settings). */
const connectHref = (toolkit: string) => `/?tab=settings&connect=${encodeURIComponent(toolkit)}`;
