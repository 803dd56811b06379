import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { TemplateEditor } from "../../src/components";
import { Field } from "../../src/components/ui";
import type { NameValueRow } from "../../src/shared/schemas";
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
