import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { RelativeTime } from "../src/components";
import { STORY_NOW } from "./support/browser-planner";

const MINUTE = 60_000;

/** A time in the viewer's locale and zone (en-US, Europe/Paris here), relative to the pinned clock. */
const meta = {
  title: "Status/RelativeTime",
  component: RelativeTime,
  args: { date: new Date(STORY_NOW - 5 * MINUTE).toISOString() },
} satisfies Meta<typeof RelativeTime>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Past: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/5 minutes ago|5 min\. ago/)).toBeVisible();
  },
};

export const Future: Story = { args: { date: new Date(STORY_NOW + 3 * 60 * MINUTE).toISOString() } };

/** "Tomorrow 9:00 AM", as the cards show the next run. */
export const Calendar: Story = {
  args: { date: "2026-12-01T08:00:00.000Z", format: "calendar" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/Tomorrow/)).toBeVisible();
  },
};

export const Dark: Story = { ...Past, globals: { theme: "dark" } };
