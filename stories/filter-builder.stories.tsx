import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect } from "storybook/test";
import { FilterBuilder, type FilterBuilderProps, type FilterBuilderValue } from "../src/components";
import { FIXTURE_TRIGGER_TYPES } from "./support/fixture-composio";

/** Gmail's real payload schema (src/sandbox/fixtures), for the field suggestions. */
const GMAIL_PAYLOAD = FIXTURE_TRIGGER_TYPES.find((type) => type.slug === "GMAIL_NEW_GMAIL_MESSAGE")?.payload;

function Builder({ initial, errors }: { initial: FilterBuilderValue; errors?: FilterBuilderProps["errors"] }) {
  const [value, setValue] = useState(initial);
  return (
    <div style={{ maxWidth: 820 }}>
      <FilterBuilder value={value} onChange={setValue} payloadSchema={GMAIL_PAYLOAD} errors={errors} />
    </div>
  );
}

interface Args {
  value: FilterBuilderValue;
  errors?: FilterBuilderProps["errors"];
}

/** Conditions on an event's payload: rows of field · comparison · value, all/any, and a JSON mode. */
const meta = {
  title: "Triggers/FilterBuilder",
  args: { value: { conditions: [] } },
  render: ({ value, errors }) => <Builder initial={value} errors={errors} />,
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/No filters: every event runs the action/)).toBeVisible();
  },
};

export const WithConditions: Story = {
  args: {
    value: {
      match: "any",
      conditions: [
        { path: "subject", op: "contains", value: "invoice" },
        { path: "attachment_list", op: "exists" },
        { path: "sender", op: "endsWith", value: "@acme.example" },
      ],
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("combobox", { name: "Field of condition 1" })).toHaveValue("subject");
    await expect(canvas.getByRole("combobox", { name: "How conditions combine" })).toHaveTextContent("any");
  },
};

/** Adding a row from the payload's fields. */
export const AddCondition: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Add condition" }));
    await userEvent.type(canvas.getByRole("combobox", { name: "Field of condition 1" }), "subject");
    await userEvent.type(canvas.getByRole("textbox", { name: "Value of condition 1" }), "invoice");
    await expect(canvas.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("invoice");
  },
};

export const AdvancedJson: Story = {
  ...WithConditions,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("switch", { name: "Advanced JSON" }));
    await expect(canvas.getByRole("textbox", { name: "Filters as JSON" })).toBeVisible();
  },
};

/** Errors the server returned for each row land on the row's fields. */
export const ValidationErrors: Story = {
  args: {
    value: { match: "all", conditions: [{ path: "", op: "matches", value: "([a-z" }] },
    errors: [{ path: "Choose a field.", value: "This is not a valid regular expression: missing closing )." }],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Choose a field.")).toBeVisible();
    await expect(canvas.getByText(/not a valid regular expression/)).toBeVisible();
  },
};

export const Dark: Story = { ...WithConditions, globals: { theme: "dark" } };
