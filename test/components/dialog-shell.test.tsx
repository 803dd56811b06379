import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PlannerHostOptionsScope } from "../../src/client";
import { JobDialog, TriggerDialog } from "../../src/components";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio({ "user-1": [{ toolkit: "gmail", id: "ca_user1gmail0001" }] });
});
afterAll(() => composio.close());

/** A page with a button that opens the dialog, as a host has, and the host's toasts. */
function Page({ kind, notify }: { kind: "job" | "trigger"; notify?: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <PlannerHostOptionsScope onNotify={(message) => notify?.(message)}>
      <button type="button">Somewhere else</button>
      <button type="button" onClick={() => setOpen(true)}>
        Open {kind}
      </button>
      <p>{open ? "Dialog open" : "Dialog closed"}</p>
      {kind === "job" ? <JobDialog agentId={AGENT_ID} open={open} onOpenChange={setOpen} /> : <TriggerDialog agentId={AGENT_ID} open={open} onOpenChange={setOpen} />}
    </PlannerHostOptionsScope>
  );
}

const TITLES = { job: "Create scheduled job", trigger: "Create event trigger" } as const;

// The same shell for both dialogs: each tripping point is checked on both.
describe.each(["job", "trigger"] as const)("the %s dialog's shell", { timeout: 60_000 }, (kind) => {
  it("returns focus to the button that opened it when it closes, not to the page top", async () => {
    const { user } = renderWithPlanner(<Page kind={kind} />, { composio });
    const opener = screen.getByRole("button", { name: `Open ${kind}` });
    await user.click(opener);
    const dialog = await screen.findByRole("dialog", { name: TITLES[kind] });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    await waitFor(() => expect(opener).toHaveFocus());

    // Escape and the close button too.
    await user.click(opener);
    await screen.findByRole("dialog", { name: TITLES[kind] });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(opener).toHaveFocus());
    await user.click(opener);
    await user.click(within(await screen.findByRole("dialog", { name: TITLES[kind] })).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(opener).toHaveFocus());
    expect(document.activeElement).not.toBe(document.body);
  });

  it("asks before discarding a half-filled dialog (Escape, ×, Cancel), and closes an untouched one at once", async () => {
    const { user } = renderWithPlanner(<Page kind={kind} />, { composio });
    const opener = screen.getByRole("button", { name: `Open ${kind}` });
    await user.click(opener);
    const dialog = await screen.findByRole("dialog", { name: TITLES[kind] });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Half done");

    for (const close of [() => user.keyboard("{Escape}"), () => user.click(within(dialog).getByRole("button", { name: "Close" })), () => user.click(within(dialog).getByRole("button", { name: "Cancel" }))]) {
      await close();
      const confirm = await screen.findByRole("alertdialog", { name: "Discard changes?" });
      await user.click(within(confirm).getByRole("button", { name: "Keep editing" }));
      await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
      expect(screen.getByText("Dialog open")).toBeInTheDocument();
      expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveValue("Half done");
    }
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await user.click(within(await screen.findByRole("alertdialog", { name: "Discard changes?" })).getByRole("button", { name: "Discard changes" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    await waitFor(() => expect(opener).toHaveFocus());

    // Opened again: nothing typed, so Escape closes without asking.
    await user.click(opener);
    await screen.findByRole("dialog", { name: TITLES[kind] });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });

  it("shows no red \"Give it a name.\" before the user typed or tried to save", async () => {
    const { user } = renderWithPlanner(<Page kind={kind} />, { composio });
    await user.click(screen.getByRole("button", { name: `Open ${kind}` }));
    const dialog = await screen.findByRole("dialog", { name: TITLES[kind] });
    const name = within(dialog).getByRole("textbox", { name: "Name" });
    await user.click(name);
    await user.tab(); // leaving the field empty is not a mistake yet
    expect(name).toBeValid();
    expect(within(dialog).queryByText("Give it a name.", { selector: ".planner-field-error, [role=alert]" })).not.toBeInTheDocument();
    const status = within(dialog).getByRole("status");
    expect(status).not.toHaveAttribute("data-tone", "danger");

    await user.click(within(dialog).getByRole("button", { name: kind === "job" ? "Create job" : "Create trigger" }));
    await waitFor(() => expect(within(dialog).getByRole("textbox", { name: "Name" })).toBeInvalid());
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription(/Give it a name\./);
    expect(status).toHaveAttribute("data-tone", "danger");
  });
});

describe("closing after Create", { timeout: 60_000 }, () => {
  it("both dialogs close after Create with the same notification", async () => {
    const notify = vi.fn();
    const harness = createPlannerHarness({ composio });
    const { user } = renderWithPlanner(<Page kind="trigger" notify={notify} />, { harness });
    await user.click(screen.getByRole("button", { name: "Open trigger" }));
    const dialog = await screen.findByRole("dialog", { name: TITLES.trigger });
    await user.click(await within(dialog).findByRole("radio", { name: "Gmail" }));
    await user.click(await within(dialog).findByRole("radio", { name: /^New Gmail message/ }));
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Invoices");
    const template = await within(dialog).findByRole("textbox", { name: "Message template" });
    await user.click(template);
    await user.paste("Mail from {sender}");
    await user.click(within(dialog).getByRole("button", { name: "Create trigger" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect(notify).toHaveBeenCalledWith('Created "Invoices".');
    await waitFor(() => expect(screen.getByRole("button", { name: "Open trigger" })).toHaveFocus());
    expect((await harness.store.get(AGENT_ID)).triggers).toHaveLength(1);
  });

  it("the job dialog says the same", async () => {
    const notify = vi.fn();
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Page kind="job" notify={notify} />, { harness });
    await user.click(screen.getByRole("button", { name: "Open job" }));
    const dialog = await screen.findByRole("dialog", { name: TITLES.job });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Digest");
    await user.click(within(dialog).getByRole("textbox", { name: "Message template" }));
    await user.paste("Digest for {date}");
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect(notify).toHaveBeenCalledWith('Created "Digest".');
  });
});
