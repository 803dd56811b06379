import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { StatusBadge } from "../src/components";

const meta = {
  title: "Status/StatusBadge",
  component: StatusBadge,
  args: { status: "active" },
} satisfies Meta<typeof StatusBadge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Active: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Active")).toBeVisible();
  },
};
export const Paused: Story = { args: { status: "paused" } };
export const Error: Story = { args: { status: "error" } };
export const Running: Story = { args: { status: "running" } };

/** Every item and run status side by side, always with the word. */
export const AllStatuses: Story = {
  render: () => (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      {(["active", "paused", "error", "running", "queued", "succeeded", "failed", "skipped"] as const).map((status) => (
        <StatusBadge key={status} status={status} />
      ))}
    </div>
  ),
  play: async ({ canvas }) => {
    for (const word of ["Active", "Paused", "Error", "Running", "Queued", "Succeeded", "Failed", "Skipped"]) await expect(canvas.getByText(word)).toBeVisible();
  },
};

export const Dark: Story = { ...AllStatuses, globals: { theme: "dark" } };
