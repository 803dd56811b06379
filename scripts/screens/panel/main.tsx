import "../shared/browser-env";
import { createRoot } from "react-dom/client";
import { PlannerProvider } from "../../../src/client";
import { PlannerPanel, RunHistory } from "../../../src/components";
import "../../../src/components/styles.css";
import { AGENT_ID, createBrowserPlanner } from "../shared/browser-planner";
import { seed, type Scenario } from "./seed";

const params = new URLSearchParams(location.search);
const scenario = (params.get("scenario") ?? "populated") as Scenario;
if (params.get("theme") === "dark") document.documentElement.classList.add("dark");

// Monday 30 November 2026, 09:30 in Paris: fixed so every capture reads the same.
const NOW = Date.parse("2026-11-30T08:30:00.000Z");
const now = () => new Date(NOW);
const browserPlanner = createBrowserPlanner({ now });

await seed(browserPlanner, scenario, NOW);
createRoot(document.getElementById("root")!).render(
  <PlannerProvider client={browserPlanner.client} locale="en-US" timeZone="Europe/Paris" clock={now}>
    {scenario === "history" ? <RunHistory agentId={AGENT_ID} /> : <PlannerPanel agentId={AGENT_ID} />}
  </PlannerProvider>,
);
document.body.dataset.ready = "true";
