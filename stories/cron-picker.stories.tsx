import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, waitFor, within } from "storybook/test";
import { CronPicker, type ScheduleValue } from "../src/components";
import { withPlanner } from "./support/planner-story";

function Picker({ initial, error }: { initial: ScheduleValue; error?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <div style={{ maxWidth: 720 }}>
      <CronPicker value={value} onChange={setValue} error={error} />
      <output aria-label="Value" style={{ display: "block", marginTop: 12, fontFamily: "monospace", fontSize: 12 }}>
        {value.cron} | {value.timezone}
      </output>
    </div>
  );
}

/** The schedule editor; its summary comes from `schedule.preview` on the real router (croner + cronstrue). */
const meta = {
  title: "Schedule/CronPicker",
  args: { cron: "0 9 * * *", timezone: "Europe/Paris" },
  render: ({ cron, timezone }) => <Picker initial={{ cron, timezone }} />,
  ...withPlanner(),
} satisfies Meta<{ cron: string; timezone: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Presets: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("radio", { name: "Weekdays at 9 AM" }));
    await expect(canvas.getByLabelText("Value")).toHaveTextContent("0 9 * * 1-5 | Europe/Paris");
    await expect(await canvas.findByText("weekdays at 9:00 AM (Europe/Paris)")).toBeVisible();
  },
};

/** "Run every … at … on …" writes the expression. */
export const Builder: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("tab", { name: "Builder" }));
    await userEvent.click(canvas.getByRole("button", { name: "Monday" }));
    await userEvent.click(canvas.getByRole("button", { name: "Friday" }));
    await expect(canvas.getByLabelText("Value")).toHaveTextContent("0 9 * * 1,5 | Europe/Paris");
    await expect(await canvas.findByText("every Monday and Friday at 9:00 AM (Europe/Paris)")).toBeVisible();
  },
};

/** A hand-written expression opens on the Custom tab, with the five fields in sync. */
export const Custom: Story = {
  args: { cron: "*/15 8-18 * * 1-5" },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("textbox", { name: "Minute 0–59" })).toHaveValue("*/15");
    await expect(canvas.getByRole("textbox", { name: "Day of week 0–6" })).toHaveValue("1-5");
  },
};

/** Hour 25: the hour box is marked with the router's message. */
export const InvalidExpression: Story = {
  args: { cron: "0 25 * * *" },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("tab", { name: "Custom" }));
    await waitFor(() => expect(canvas.getByRole("textbox", { name: "Hour 0–23" })).toBeInvalid());
    await expect(canvas.getByRole("textbox", { name: "Hour 0–23" })).toHaveAccessibleDescription("Hour must be between 0 and 23, got 25.");
  },
};

/** 2:30 every day in Paris: the next runs cross the March DST change, and the summary notes it. */
export const DaylightSaving: Story = {
  args: { cron: "30 2 * * *", timezone: "Europe/Paris" },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Next 5 runs" }));
    await expect(canvas.getByRole("table")).toBeVisible();
  },
};

/** A job in another zone than the viewer's: both zones in the next runs. */
export const OtherTimezone: Story = {
  args: { cron: "0 9 * * 1", timezone: "America/New_York" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("every Monday at 9:00 AM (America/New_York)")).toBeVisible();
  },
};

export const TimezoneSearch: Story = {
  play: async ({ canvas, userEvent, canvasElement }) => {
    await userEvent.click(canvas.getByRole("combobox", { name: "Timezone" }));
    await userEvent.keyboard("Tokyo");
    const option = await within(canvasElement.ownerDocument.body).findByRole("option", { name: /Asia\/Tokyo/ });
    await expect(option).toBeVisible();
  },
};

/** The preview has not answered yet. */
export const Loading: Story = { ...withPlanner(undefined, { link: "never" }) };

export const Dark: Story = { ...Presets, globals: { theme: "dark" } };
