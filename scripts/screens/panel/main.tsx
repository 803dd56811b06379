import { createRoot } from "react-dom/client";
import { PlannerProvider } from "../../../src/client";
import { PlannerPanel, RunHistory } from "../../../src/components";
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
createRoot(document.getElementById("root")!).render(
  <PlannerProvider client={browserPlanner.client} locale="en-US" timeZone="Europe/Paris" clock={now}>
    {scenario === "history" ? <RunHistory agentId={AGENT_ID} /> : <PlannerPanel agentId={AGENT_ID} />}
  </PlannerProvider>,
);
document.body.dataset.ready = "true";
