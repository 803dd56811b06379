import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor } from "storybook/test";
import { LiveIndicator } from "../src/components";
import { AGENT_ID } from "./support/browser-planner";
import { withPlanner } from "./support/planner-story";

/** The state of the agent's `live.onChange` stream, over the real router's subscription. */
const meta = {
  title: "Status/LiveIndicator",
  component: LiveIndicator,
  args: { agentId: AGENT_ID },
} satisfies Meta<typeof LiveIndicator>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Live: Story = {
  ...withPlanner(),
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole("status")).toHaveAttribute("data-state", "live"));
  },
};

/** The stream has not opened yet. */
export const Connecting: Story = {
  ...withPlanner(undefined, { link: "never" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("status")).toHaveAttribute("data-state", "connecting");
  },
};

/** The router refuses the stream (no access): offline, the lists fall back to polling. */
export const Offline: Story = {
  ...withPlanner(undefined, { viewer: "stranger" }),
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole("status")).toHaveAttribute("data-state", "offline"));
  },
};

export const Dark: Story = { ...Live, globals: { theme: "dark" } };
