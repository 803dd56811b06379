import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, within } from "storybook/test";
import { Combobox, type ComboboxOption } from "../../src/components/ui";

const WORKFLOWS: ComboboxOption[] = [
  { value: "wf_triage", label: "Triage inbox", detail: "Sorts new mail" },
  { value: "wf_digest", label: "Weekly digest", detail: "Summarises the week" },
  ...Array.from({ length: 48 }, (_, i) => ({ value: `wf_${i}`, label: `Workflow ${String(i + 1).padStart(2, "0")}` })),
];

function Picker({ initial }: { initial: string | null }) {
  const [value, setValue] = useState(initial);
  return <Combobox aria-label="Workflow" label="Workflow" options={WORKFLOWS} value={value} onValueChange={setValue} placeholder="Choose a workflow" searchPlaceholder="Search workflows" emptyText="No workflow matches." />;
}

/** A searchable select (cmdk in a popover), 50 options. */
const meta = {
  title: "Primitives/Combobox",
  args: { initial: null },
  render: ({ initial }) => <Picker initial={initial} />,
} satisfies Meta<{ initial: string | null }>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};
export const Selected: Story = { args: { initial: "wf_digest" } };

export const Searching: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole("combobox", { name: "Workflow" }));
    await userEvent.keyboard("triage");
    await expect(await within(canvasElement.ownerDocument.body).findByRole("option", { name: /Triage inbox/ })).toBeVisible();
  },
};

export const Dark: Story = { ...Selected, globals: { theme: "dark" } };
