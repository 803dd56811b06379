import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, within } from "storybook/test";
import { TemplateEditor } from "../src/components";
import { Field } from "../src/components/ui";
import type { NameValueRow, VariablesInput } from "../src/shared/schemas";
import { AGENT_ID } from "./support/browser-planner";
import { withPlanner } from "./support/planner-story";

function Editor({ initial, rows: initialRows, source }: { initial: string; rows: NameValueRow[]; source: VariablesInput }) {
  const [value, setValue] = useState(initial);
  const [rows, setRows] = useState(initialRows);
  return (
    <div style={{ maxWidth: 820 }}>
      <Field label="Message template">
        {(control) => <TemplateEditor {...control} value={value} onChange={setValue} source={source} customVariables={rows} onCustomVariablesChange={setRows} />}
      </Field>
    </div>
  );
}

interface Args {
  template: string;
  rows: NameValueRow[];
  source: VariablesInput;
}

/** A message template with `{variables}`; the palette and samples come from `catalog.variables` on the router. */
const meta = {
  title: "Templates/TemplateEditor",
  args: { template: "", rows: [], source: { kind: "job", agentId: AGENT_ID } },
  render: ({ template, rows, source }) => <Editor initial={template} rows={rows} source={source} />,
  ...withPlanner(),
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("group", { name: "System" })).toBeVisible();
  },
};

/** Variables as chips, counted, previewed on sample values. */
export const WithVariables: Story = {
  args: { template: "Good {timeOfDay}! It is {dayOfWeek} {date}: summarise my inbox for {team}.", rows: [{ name: "team", value: "Platform" }] },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("4 variables used")).toBeVisible();
    await expect(within(canvas.getByRole("region", { name: "Preview" })).getByText(/summarise my inbox for Platform/)).toBeVisible();
  },
};

/** Clicking a palette entry inserts it at the cursor. */
export const InsertFromPalette: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("textbox", { name: "Message template" }));
    const system = await canvas.findByRole("group", { name: "System" });
    await userEvent.click(within(system).getByRole("button", { name: "Insert {dayOfWeek}" }));
    await expect(canvas.getByRole("textbox", { name: "Message template" })).toHaveValue("{dayOfWeek}");
    await expect(canvas.getByText("1 variable used")).toBeVisible();
  },
};

/** An unknown name is underlined and named; `{{date}}` gets the single-brace hint. */
export const ValidationErrors: Story = {
  args: { template: "Hi on {dayOfWek}, today is {{date}}" },
  play: async ({ canvas }) => {
    await expect((await canvas.findAllByText(/dayOfWek/)).length).toBeGreaterThan(0);
    await expect(canvas.getByRole("note")).toHaveTextContent("Use single braces");
  },
};

/** A trigger's palette: event fields from the Gmail payload schema and the friendly aliases. */
export const TriggerEvent: Story = {
  args: { template: "New email from {emailFrom}: {emailSubject}", source: { kind: "trigger", agentId: AGENT_ID, triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", name: "Invoices" } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("group", { name: "Event" })).toBeVisible();
  },
};

export const Loading: Story = { ...withPlanner(undefined, { link: "never" }), args: { template: "Digest for {date}" } };

export const Dark: Story = { ...WithVariables, globals: { theme: "dark" } };
