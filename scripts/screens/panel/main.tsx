import { useState } from "react";
import { createRoot } from "react-dom/client";
import { PlannerProvider } from "../../../src/client";
import { PlannerPanel, RunHistory, type PlannerPanelDialog } from "../../../src/components";
import "../../../src/components/styles.css";
import { AGENT_ID, createBrowserPlanner, STORY_NOW } from "../../../stories/support/browser-planner";
import "../../../stories/support/host.css";
import { seedPanel, type PanelScenario } from "../../../stories/support/seed";

const params = new URLSearchParams(location.search);
const scenario = (params.get("scenario") ?? "populated") as PanelScenario;
if (params.get("theme") === "dark") document.documentElement.classList.add("dark");

// Monday 30 November 2026, 09:30 in Paris: fixed so every capture reads the same.
const now = () => new Date(STORY_NOW);
const browserPlanner = createBrowserPlanner({ now });

await seedPanel(browserPlanner, scenario, STORY_NOW);

/** ?chrome=host: the host's own heading and "Add job" on a host card, the panel without its header. */
function HostChrome() {
  const [dialog, setDialog] = useState<PlannerPanelDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section style={{ display: "grid", gap: 16, padding: 24, borderRadius: 12, border: "1px solid var(--border)", background: "var(--card)" }}>
      <header style={{ display: "flex", justifyContent: "space-between", alignItems: "center", color: "var(--foreground)" }}>
        <h2 style={{ margin: 0, fontSize: 18 }}>Planner (host heading)</h2>
        <button type="button" onClick={() => setDialog({ kind: "job" })} style={{ padding: "8px 14px", borderRadius: 8, border: 0, background: "var(--primary)", color: "var(--primary-foreground)" }}>
          + Add job (host)
        </button>
      </header>
      <PlannerPanel agentId={AGENT_ID} header={false} dialog={dialog} onDialogChange={setDialog} onNotify={(message) => setNotice(message)} logos={params.get("logos") === "none" ? "none" : undefined} />
      {notice ? <p style={{ color: "var(--foreground)" }}>Host toast: {notice}</p> : null}
    </section>
  );
}

const chrome = params.get("chrome");
createRoot(document.getElementById("root")!).render(
  <PlannerProvider client={browserPlanner.client} locale="en-US" timeZone="Europe/Paris" clock={now}>
    {scenario === "history" ? <RunHistory agentId={AGENT_ID} /> : chrome === "host" ? <HostChrome /> : <PlannerPanel agentId={AGENT_ID} />}
  </PlannerProvider>,
);
document.body.dataset.ready = "true";
