import { useState } from "react";
import { createRoot } from "react-dom/client";
import { PlannerProvider } from "../../../src/client";
import { JobDialog, type JobDialogProps } from "../../../src/components";
import { Button } from "../../../src/components/ui";
import "../../../src/components/styles.css";
import { AGENT_ID, createBrowserPlanner } from "../../../stories/support/browser-planner";
import "../../../stories/support/host.css";

/** ?scenario=create | edit-workflow: an open JobDialog over the real router in memory. */
const params = new URLSearchParams(location.search);
const scenario = params.get("scenario") ?? "create";
if (params.get("theme") === "dark") document.documentElement.classList.add("dark");

const NOW = Date.parse("2026-11-30T08:30:00.000Z");
const now = () => new Date(NOW);
// The default workflows: "Triage inbox" (with an input schema) and "Weekly digest".
const browserPlanner = createBrowserPlanner({ now });

let job: JobDialogProps["job"];
if (scenario === "edit-workflow") {
  job = await browserPlanner.caller.jobs.create({
    agentId: AGENT_ID,
    name: "Inbox triage",
    description: "Sorts the morning's mail before the stand-up.",
    schedule: { cron: "30 8 * * 1-5", timezone: "America/New_York" },
    action: { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { folder: "Receipts", maxEmails: 50, priority: "high", urgent: true } } },
    policy: { misfire: "skip", overlap: "skip" },
  });
}

function Screen() {
  const [open, setOpen] = useState(true);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        + Add Job
      </Button>
      <JobDialog agentId={AGENT_ID} job={job} open={open} onOpenChange={setOpen} />
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <PlannerProvider client={browserPlanner.client} locale="en-US" timeZone="Europe/Paris" clock={now}>
    <Screen />
  </PlannerProvider>,
);
document.body.dataset.ready = "true";
