import { bundleStylesheet } from "../../scripts/stylesheet.mjs";
import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PlannerHostOptionsScope, logoUrl, type PlannerHostOptions } from "../../src/client";
import { PlannerPanel, TriggerDialog, type PlannerPanelDialog } from "../../src/components";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio();
});
afterAll(() => composio.close());

/** The host's Planner tab: its own heading and "Add job", the panel without its header. */
function HostTab({ onDialogChange }: { onDialogChange?: (dialog: PlannerPanelDialog) => void }) {
  const [dialog, setDialog] = useState<PlannerPanelDialog>(null);
  return (
    <section aria-label="Host tab">
      <h2>Host planner</h2>
      <button type="button" onClick={() => setDialog({ kind: "job" })}>
        Host add job
      </button>
      <button type="button" onClick={() => setDialog({ kind: "trigger" })}>
        Host add trigger
      </button>
      <PlannerPanel
        agentId={AGENT_ID}
        header={false}
        dialog={dialog}
        onDialogChange={(next) => {
          setDialog(next);
          onDialogChange?.(next);
        }}
      />
    </section>
  );
}

function OpenedTriggerDialog(options: PlannerHostOptions) {
  const [open, setOpen] = useState(true);
  return (
    <PlannerHostOptionsScope {...options}>
      <TriggerDialog agentId={AGENT_ID} open={open} onOpenChange={setOpen} />
    </PlannerHostOptionsScope>
  );
}

describe("PlannerPanel inside a host tab", { timeout: 30_000 }, () => {
  it("header={false} leaves out the title, intro, live indicator and header buttons", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} header={false} />, { harness });
    await screen.findByRole("article", { name: "Morning digest" });
    expect(screen.queryByRole("heading", { level: 1, name: "Planner" })).not.toBeInTheDocument();
    expect(screen.queryByText(/Make the agent proactive/)).not.toBeInTheDocument();
    // Only the section's own "Add job" stays (as in the host's original tab); the header's pair is gone.
    expect(screen.getAllByRole("button", { name: "Add job" })).toHaveLength(1);
    expect(screen.getByRole("region", { name: "Scheduled Jobs" })).toContainElement(screen.getByRole("button", { name: "Add job" }));
    expect(document.querySelector('[data-slot="planner-live-indicator"]')).toBeNull();
    expect(document.querySelector('[data-slot="planner-panel"]')).toHaveAttribute("data-header", "hidden");
    // The sections and the summary are still there.
    expect(screen.getByRole("region", { name: "Scheduled Jobs" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Summary" })).toBeInTheDocument();
  });

  it("the default header keeps the title and both buttons", async () => {
    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Planner" })).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Add trigger" }).length).toBeGreaterThan(0);
  });

  it("the host's own buttons open the create dialogs through the controlled `dialog`, and closing reports null", async () => {
    const changes: PlannerPanelDialog[] = [];
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<HostTab onDialogChange={(dialog) => changes.push(dialog)} />, { harness });
    await screen.findByRole("article", { name: "Morning digest" });

    await user.click(screen.getByRole("button", { name: "Host add job" }));
    expect(await screen.findByRole("dialog", { name: "Create scheduled job" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(changes.at(-1)).toBeNull();

    await user.click(screen.getByRole("button", { name: "Host add trigger" }));
    expect(await screen.findByRole("dialog", { name: "Create event trigger" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    // Edit from a card goes through onDialogChange too, carrying the job.
    await user.click(screen.getByRole("button", { name: "Actions for Morning digest" }));
    await user.click(await screen.findByRole("menuitem", { name: "Edit" }));
    expect(await screen.findByRole("dialog", { name: /Morning digest/ })).toBeInTheDocument();
    const edit = changes.find((change) => change?.kind === "job" && change.job);
    expect(edit?.kind === "job" && edit.job?.name).toBe("Morning digest");
  });

  it("onNotify gets the panel's notices (info and error) and they are still announced for screen readers", async () => {
    const onNotify = vi.fn();
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} onNotify={onNotify} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Morning digest" }));

    await user.click(card.getByRole("button", { name: "Actions for Morning digest" }));
    await user.click(await screen.findByRole("menuitem", { name: "Pause" }));
    await waitFor(() => expect(onNotify).toHaveBeenCalledWith("Morning digest paused.", "info"));
    await waitFor(() => expect(document.querySelector('[data-slot="planner-announcer"]')).toHaveTextContent("Morning digest paused."));

    // A run that fails reaches the host as an error.
    await harness.planner.start();
    harness.executors.fail("The chat service answered 503.");
    await user.click(card.getByRole("button", { name: "Actions for Morning digest" }));
    await user.click(await screen.findByRole("menuitem", { name: "Run now" }));
    await waitFor(() => expect(onNotify).toHaveBeenCalledWith("Morning digest failed: The chat service answered 503.", "error"), { timeout: 10_000 });
    expect(document.querySelector('[data-slot="planner-announcer-alert"]')).toHaveTextContent("Morning digest failed");
  });
});

describe("Host options in the trigger dialog and logos", { timeout: 30_000 }, () => {
  it("connectHref links the 'no connected account' hint to the host's Connections page", async () => {
    const { user } = renderWithPlanner(<OpenedTriggerDialog connectHref={(toolkit) => `/settings/connections?app=${toolkit}`} />, { composio });
    await user.click(await screen.findByRole("radio", { name: "GitHub" }));
    expect(await screen.findByText(/You have no connected GitHub account yet/)).toBeInTheDocument();
    const link = screen.getByRole("link", { name: /Connect GitHub/ });
    expect(link).toHaveAttribute("href", "/settings/connections?app=github");
    expect(link).toHaveAttribute("target", "_blank");
    expect(screen.getByRole("button", { name: "Check again" })).toBeInTheDocument();
  });

  it("without connectHref there is no link", async () => {
    const { user } = renderWithPlanner(<OpenedTriggerDialog />, { composio });
    await user.click(await screen.findByRole("radio", { name: "GitHub" }));
    expect(await screen.findByText(/You have no connected GitHub account yet/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Connect GitHub/ })).not.toBeInTheDocument();
  });

  it('logos="none" loads no image: the app\'s initial instead', async () => {
    renderWithPlanner(<OpenedTriggerDialog logos="none" />, { composio });
    expect(await screen.findByRole("radio", { name: "Gmail" })).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "Gmail logo" })).not.toBeInTheDocument();
    expect(document.querySelectorAll("img")).toHaveLength(0);
  });

  it("a logos map serves the host's own URLs; slugs not in it get the initial", async () => {
    renderWithPlanner(<OpenedTriggerDialog logos={{ gmail: "/logos/gmail.svg" }} />, { composio });
    expect(await screen.findByRole("img", { name: "Gmail logo" })).toHaveAttribute("src", "/logos/gmail.svg");
    expect(screen.queryByRole("img", { name: "Slack logo" })).not.toBeInTheDocument();
  });

  it("PlannerPanel's logos option reaches the trigger cards", async () => {
    const harness = createPlannerHarness({ composio });
    await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Invoices",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
      action: { type: "chat", template: "Invoice from {emailFrom}" },
    });
    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} logos={(toolkit) => `https://cdn.host.example/${toolkit}.png`} />, { harness });
    const card = await screen.findByRole("article", { name: "Invoices" });
    await waitFor(() => expect(card.querySelector("img")).toHaveAttribute("src", "https://cdn.host.example/gmail.png"));
  });

  it("logoUrl resolves each form of the option", () => {
    const cdn = "https://logos.composio.dev/api/gmail";
    expect(logoUrl("gmail", cdn, undefined)).toBe(cdn);
    expect(logoUrl("gmail", cdn, "composio")).toBe(cdn);
    expect(logoUrl("gmail", undefined, "composio")).toBeNull();
    expect(logoUrl("gmail", cdn, "none")).toBeNull();
    expect(logoUrl("gmail", cdn, { gmail: "/g.svg" })).toBe("/g.svg");
    expect(logoUrl("toString", cdn, { gmail: "/g.svg" })).toBeNull();
    expect(logoUrl("gmail", cdn, () => null)).toBeNull();
    expect(logoUrl("gmail", cdn, (slug, composioUrl) => `${composioUrl}?s=${slug}`)).toBe(`${cdn}?s=gmail`);
  });
});

describe("styles.css cascade (the parts inlined as dist/styles.css)", () => {
  const css = bundleStylesheet();

  it("declares the layer order (after Tailwind's base, before components and utilities) and keeps every rule in @layer agent-planner", () => {
    const code = css.replace(/\/\*[\s\S]*?\*\//g, "");
    const statements: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < code.length; i += 1) {
      const ch = code[i];
      if (ch === "{") {
        if (depth === 0) statements.push(code.slice(start, i).trim());
        depth += 1;
      } else if (ch === "}") {
        depth -= 1;
        if (depth === 0) start = i + 1;
      } else if (ch === ";" && depth === 0) {
        statements.push(code.slice(start, i + 1).trim());
        start = i + 1;
      }
    }
    expect(depth).toBe(0);
    const [order, ...blocks] = statements;
    expect(order).toBe("@layer theme, base, agent-planner, components, utilities;");
    expect(blocks.length).toBeGreaterThan(5);
    expect(new Set(blocks)).toEqual(new Set(["@layer agent-planner"]));
  });

  it("paints the panel's background from the host's --background (light and dark)", () => {
    expect(css).toMatch(/--pl-surface: var\(--planner-surface, var\(--background, #ffffff\)\)/);
    expect(css).toMatch(/--pl-surface: var\(--planner-surface, var\(--background, #09090b\)\)/);
    expect(css).toMatch(/\.planner-panel \{[^}]*background: var\(--pl-surface\);[^}]*color: var\(--pl-foreground\);/);
  });
});
