import type { Meta, StoryObj } from "@storybook/react-vite";
import { MessageSquareIcon, WorkflowIcon } from "lucide-react";
import { expect } from "storybook/test";
import { RadioCard, RadioGroup } from "../../src/components/ui";

/** The large radio cards of "What should happen when this job runs?". */
const meta = {
  title: "Primitives/RadioCard",
  args: { value: "chat" },
  render: ({ value }) => (
    <RadioGroup defaultValue={value} aria-label="Action" style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 12, maxWidth: 720 }}>
      <RadioCard value="chat" title="Start chat with template" description="Begin a conversation with a message template." icon={<MessageSquareIcon aria-hidden="true" />} />
      <RadioCard value="workflow" title="Execute workflow" description="Run a workflow without a conversation." icon={<WorkflowIcon aria-hidden="true" />} />
    </RadioGroup>
  ),
} satisfies Meta<{ value: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Chat: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("radio", { name: "Execute workflow" }));
    await expect(canvas.getByRole("radio", { name: "Execute workflow" })).toBeChecked();
  },
};

export const Workflow: Story = { args: { value: "workflow" } };
export const Dark: Story = { ...Workflow, globals: { theme: "dark" } };
