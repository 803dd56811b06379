import { render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { LiveIndicator, RelativeTime, StatusBadge } from "../../src/components";
import { AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogTitle, AlertDialogTrigger, Button, Combobox, Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger, DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger, Field, Input, RadioCard, RadioGroup, Switch } from "../../src/components/ui";
import { AGENT_ID, DEFAULT_START, renderWithPlanner } from "./harness";

describe("Field", () => {
  it("labels the control and describes it with the hint and the error", () => {
    render(
      <Field label="Name" hint="Shown on the card." error="Enter a name." required>
        <Input />
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: /Name/ });
    expect(input).toBeInvalid();
    expect(input).toBeRequired();
    expect(input).toHaveAccessibleDescription("Shown on the card. Enter a name.");
    expect(screen.getByRole("alert")).toHaveTextContent("Enter a name.");
  });

  it("leaves a valid control unmarked", () => {
    render(
      <Field label="Description" optional>
        <Input />
      </Field>,
    );
    expect(screen.getByRole("textbox", { name: "Description (optional)" })).toBeValid();
  });
});

describe("StatusBadge", () => {
  it("always says the status in words", () => {
    render(
      <>
        <StatusBadge status="active" />
        <StatusBadge status="paused" />
        <StatusBadge status="error" />
        <StatusBadge status="running" />
      </>,
    );
    for (const word of ["Active", "Paused", "Error", "Running"]) expect(screen.getByText(word)).toBeInTheDocument();
  });
});

describe("RelativeTime", () => {
  it("renders a <time> with the instant, relative text and the full date as its title", () => {
    renderWithPlanner(<RelativeTime date="2026-11-30T08:55:00.000Z" />);
    const time = screen.getByText("5 minutes ago");
    expect(time.tagName).toBe("TIME");
    expect(time).toHaveAttribute("datetime", "2026-11-30T08:55:00.000Z");
    expect(time).toHaveAttribute("title", "Monday, November 30, 2026 at 8:55:00 AM UTC");
  });

  it("says tomorrow's time in calendar form, in the viewer's zone", () => {
    renderWithPlanner(<RelativeTime date="2026-12-01T08:00:00.000Z" format="calendar" />, { timeZone: "Europe/Paris" });
    expect(screen.getByText("Tomorrow 9:00 AM")).toBeInTheDocument();
  });

  it(`is relative to the viewer clock (${DEFAULT_START})`, () => {
    renderWithPlanner(<RelativeTime date="2026-11-30T12:00:00.000Z" />);
    expect(screen.getByText("in 3 hours")).toBeInTheDocument();
  });
});

describe("Dialog", () => {
  it("opens from its trigger, is named by its title, closes on Escape and returns focus", async () => {
    const user = userEvent.setup();
    render(
      <Dialog>
        <DialogTrigger asChild>
          <Button>Add job</Button>
        </DialogTrigger>
        <DialogContent>
          <DialogTitle>Create scheduled job</DialogTitle>
          <DialogDescription>Runs on a schedule.</DialogDescription>
          <Input aria-label="Name" />
        </DialogContent>
      </Dialog>,
    );
    const trigger = screen.getByRole("button", { name: "Add job" });
    await user.click(trigger);
    const dialog = screen.getByRole("dialog", { name: "Create scheduled job" });
    expect(dialog).toHaveAccessibleDescription("Runs on a schedule.");
    expect(within(dialog).getByRole("button", { name: "Close" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(trigger).toHaveFocus();
  });
});

describe("AlertDialog", () => {
  it("acts only after confirming", async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    render(
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="destructive">Delete</Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogTitle>Delete “Digest”?</AlertDialogTitle>
          <AlertDialogDescription>Its run history goes too.</AlertDialogDescription>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={onDelete}>
            Delete job
          </AlertDialogAction>
        </AlertDialogContent>
      </AlertDialog>,
    );
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByRole("alertdialog", { name: "Delete “Digest”?" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete job" }));
    expect(onDelete).toHaveBeenCalledOnce();
  });
});

describe("DropdownMenu", () => {
  it("opens from the keyboard and runs the chosen item", async () => {
    const user = userEvent.setup();
    const onPause = vi.fn();
    render(
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label="Actions for Digest" />
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem>Edit</DropdownMenuItem>
          <DropdownMenuItem onSelect={onPause}>Pause</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>,
    );
    screen.getByRole("button", { name: "Actions for Digest" }).focus();
    await user.keyboard("{Enter}");
    await user.click(await screen.findByRole("menuitem", { name: "Pause" }));
    expect(onPause).toHaveBeenCalledOnce();
  });
});

describe("RadioCard and Switch", () => {
  it("are real radios and switches named by their text", async () => {
    const user = userEvent.setup();
    render(
      <>
        <RadioGroup defaultValue="chat" aria-label="Action">
          <RadioCard value="chat" title="Start chat with template" description="Begin a conversation." />
          <RadioCard value="workflow" title="Execute workflow" description="Run a workflow without a conversation." />
        </RadioGroup>
        <Switch aria-label="Advanced JSON" />
      </>,
    );
    const workflow = screen.getByRole("radio", { name: "Execute workflow" });
    expect(workflow).toHaveAccessibleDescription("Run a workflow without a conversation.");
    await user.click(workflow);
    expect(workflow).toBeChecked();
    expect(screen.getByRole("radio", { name: "Start chat with template" })).not.toBeChecked();
    const toggle = screen.getByRole("switch", { name: "Advanced JSON" });
    await user.click(toggle);
    expect(toggle).toBeChecked();
  });
});

describe("Combobox", () => {
  function ZonePicker() {
    const [zone, setZone] = useState<string | null>(null);
    return (
      <Field label="Timezone">
        <Combobox
          value={zone}
          onValueChange={setZone}
          placeholder="Choose a timezone"
          options={[
            { value: "Europe/Paris", label: "Europe/Paris", detail: "GMT+1", keywords: ["France"] },
            { value: "America/New_York", label: "America/New_York", detail: "GMT-5" },
            { value: "Asia/Tokyo", label: "Asia/Tokyo", detail: "GMT+9" },
          ]}
        />
      </Field>
    );
  }

  it("filters as you type and picks with the keyboard", async () => {
    const user = userEvent.setup();
    render(<ZonePicker />);
    const trigger = screen.getByRole("combobox", { name: "Timezone" });
    expect(trigger).toHaveTextContent("Choose a timezone");
    await user.click(trigger);
    await user.keyboard("france");
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Europe/ParisGMT+1"]);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("option")).not.toBeInTheDocument());
    expect(trigger).toHaveTextContent("Europe/Paris");
  });
});

describe("LiveIndicator", () => {
  it("says Live once the agent's change stream is open", async () => {
    renderWithPlanner(<LiveIndicator agentId={AGENT_ID} />);
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Live"));
    expect(screen.getByRole("status")).toHaveAttribute("data-state", "live");
  });

  it("reports offline for a stream the server refuses", async () => {
    renderWithPlanner(<LiveIndicator agentId="agent-other" />);
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Offline"));
  });
});
