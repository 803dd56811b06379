import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobDialog, TemplateEditor } from "../../src/components";
import { Field } from "../../src/components/ui";
import type { NameValueRow } from "../../src/shared/schemas";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, renderWithPlanner } from "./harness";

function Editor({ initial = "", rows: initialRows = [] }: { initial?: string; rows?: NameValueRow[] }) {
  const [value, setValue] = useState(initial);
  const [rows, setRows] = useState(initialRows);
  return (
    <Field label="Message template">
      {(control) => (
        <TemplateEditor
          {...control}
          value={value}
          onChange={setValue}
          source={{ kind: "job", agentId: AGENT_ID }}
          customVariables={rows}
          onCustomVariablesChange={setRows}
        />
      )}
    </Field>
  );
}

describe("TemplateEditor", () => {
  it("inserts a variable chip at the cursor and puts the caret after it", async () => {
    const { user, container } = renderWithPlanner(<Editor initial="Hello world" />);
    const textarea = screen.getByRole("textbox", { name: "Message template" });
    await user.click(textarea);
    (textarea as HTMLTextAreaElement).setSelectionRange(6, 6);
    const system = await screen.findByRole("group", { name: "System" });
    await user.click(within(system).getByRole("button", { name: "Insert {dayOfWeek}" }));
    expect(textarea).toHaveValue("Hello {dayOfWeek}world");
    expect(textarea).toHaveFocus();
    expect((textarea as HTMLTextAreaElement).selectionStart).toBe(17);
    expect(screen.getByText("1 variable used")).toBeInTheDocument();
    // The chip is drawn in the mirror behind the textarea.
    expect([...container.querySelectorAll("mark")].map((mark) => mark.textContent)).toEqual(["{dayOfWeek}"]);
    // The preview renders the sample value.
    expect(within(screen.getByRole("region", { name: "Preview" })).getByText("Hello Mondayworld")).toBeInTheDocument();
    expect(screen.getByText("Sample values are shown here; real values are filled in at run time.")).toBeInTheDocument();
  });

  it("flags an unknown variable with its position and a suggestion", async () => {
    const { user } = renderWithPlanner(<Editor />);
    await screen.findByRole("group", { name: "System" });
    const textarea = screen.getByRole("textbox", { name: "Message template" });
    await user.type(textarea, "Hi\n on {{dayOfWek}");
    expect(textarea).toHaveValue("Hi\n on {dayOfWek}");
    expect(textarea).toBeInvalid();
    expect(textarea).toHaveAccessibleDescription('Line 2, column 5: "{dayOfWek}" is not a known variable. Did you mean {dayOfWeek}?');
  });

  it("knows the job's custom variables, adds and removes them", async () => {
    const { user } = renderWithPlanner(<Editor initial="For {team}" />);
    const textarea = screen.getByRole("textbox", { name: "Message template" });
    await waitFor(() => expect(textarea).toBeInvalid());
    const custom = screen.getByRole("group", { name: "Custom" });
    await user.click(within(custom).getByRole("button", { name: "Add custom variable" }));
    await user.type(within(custom).getByRole("textbox", { name: "Name of custom variable 1" }), "team");
    await user.type(within(custom).getByRole("textbox", { name: "Value of team" }), "Platform");
    expect(textarea).toBeValid();
    expect(within(screen.getByRole("region", { name: "Preview" })).getByText("For Platform")).toBeInTheDocument();
    await user.click(within(custom).getByRole("button", { name: "Remove team" }));
    expect(textarea).toBeInvalid();
  });

  it("hints that single braces insert a variable when mustache braces are typed", async () => {
    const { user } = renderWithPlanner(<Editor />);
    const textarea = screen.getByRole("textbox", { name: "Message template" });
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
    await user.type(textarea, "Today is {{{{date}}");
    expect(screen.getByRole("note")).toHaveTextContent("{{date}} keeps the braces in the message. Use single braces, like {date}, to insert a variable.");
  });
});

describe("TemplateEditor tripping points", { timeout: 60_000 }, () => {
  it("keeps everything typed in a custom variable inside the job dialog, and focuses the new row's name", async () => {
    const { user } = renderWithPlanner(<JobDialog agentId={AGENT_ID} open onOpenChange={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    const custom = await within(dialog).findByRole("group", { name: "Custom" });
    await user.click(within(custom).getByRole("button", { name: "Add custom variable" }));
    const name = within(custom).getByRole("textbox", { name: "Name of custom variable 1" });
    expect(name).toHaveFocus();
    await user.keyboard("favouriteProgrammingLanguage");
    expect(name).toHaveValue("favouriteProgrammingLanguage");
    const value = within(custom).getByRole("textbox", { name: "Value of favouriteProgrammingLanguage" });
    await user.type(value, "TypeScript, with a long sentence after it — and more, to be sure nothing is cut.");
    expect(value).toHaveValue("TypeScript, with a long sentence after it — and more, to be sure nothing is cut.");
  });

  it("offers one click to add an unknown name as a custom variable, then focuses its value", async () => {
    const { user } = renderWithPlanner(<Editor initial="For {team}" />);
    const textarea = screen.getByRole("textbox", { name: "Message template" });
    await waitFor(() => expect(textarea).toBeInvalid());
    await user.click(screen.getByRole("button", { name: "Add {team} as a custom variable" }));
    const custom = screen.getByRole("group", { name: "Custom" });
    expect(within(custom).getByRole("textbox", { name: "Name of custom variable 1" })).toHaveValue("team");
    expect(within(custom).getByRole("textbox", { name: "Value of team" })).toHaveFocus();
    expect(textarea).toBeValid();
    expect(screen.queryByRole("button", { name: "Add {team} as a custom variable" })).not.toBeInTheDocument();
  });
});

describe("TemplateEditor for a trigger", { timeout: 60_000 }, () => {
  let composio: TestComposio;
  beforeAll(async () => {
    composio = await startTestComposio({ "user-1": [{ toolkit: "gmail", id: "ca_user1gmail0001" }] });
  });
  afterAll(() => composio.close());

  it("offers only what triggers have: no {date} or {timeOfDay}, and {triggerName} under Trigger", async () => {
    renderWithPlanner(
      <Field label="Message template">
        {(control) => <TemplateEditor {...control} value="" onChange={() => {}} source={{ kind: "trigger", agentId: AGENT_ID, triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE" }} />}
      </Field>,
      { composio },
    );
    const trigger = await screen.findByRole("group", { name: "Trigger" });
    expect(within(trigger).getByRole("button", { name: "Insert {triggerName}" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Job" })).not.toBeInTheDocument();
    const offered = screen.getAllByRole("button", { name: /^Insert / }).map((button) => button.getAttribute("aria-label")?.slice(8, -1) ?? "");
    const textarea = screen.getByRole("textbox", { name: "Message template" });
    const suggested = [...(textarea.getAttribute("placeholder") ?? "").matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
    expect(suggested.length).toBeGreaterThan(0);
    for (const name of suggested) expect(offered).toContain(name);
    expect(offered).not.toContain("date");
    expect(offered).not.toContain("timeOfDay");
  });
});
