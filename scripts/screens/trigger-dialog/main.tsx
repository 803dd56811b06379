import { useState } from "react";
import { createRoot } from "react-dom/client";
import { createPlannerClient, PlannerProvider } from "../../../src/client";
import { TriggerDialog } from "../../../src/components";
import "../../../src/components/styles.css";
import "../../../stories/support/host.css";

// The page talks to the planner over HTTP (`/api/planner`, served by capture.ts in Node against the Composio
// sandbox), exactly like a host page does.
const params = new URLSearchParams(location.search);
if (params.get("theme") === "dark") document.documentElement.classList.add("dark");
const NOW = Date.parse("2026-11-30T08:30:00.000Z");
const now = () => new Date(NOW);

const client = createPlannerClient({ url: "/api/planner" });
const trigger = params.get("scenario") === "edit" ? (await client.triggers.list.query({ agentId: "agent-1" }))[0] : undefined;

function Page() {
  const [open, setOpen] = useState(true);
  return <TriggerDialog agentId="agent-1" open={open} onOpenChange={setOpen} trigger={trigger} />;
}

createRoot(document.getElementById("root")!).render(
  <PlannerProvider client={client} locale="en-US" timeZone="Europe/Paris" clock={now}>
    <Page />
  </PlannerProvider>,
);
document.body.dataset.ready = "true";
