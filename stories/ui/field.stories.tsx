import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { Field, Input } from "../../src/components/ui";

interface Args {
  hint?: string;
  error?: string;
  required?: boolean;
  optional?: boolean;
}

/** Label, control, hint and error wired by id (`aria-describedby`, `aria-invalid`). */
const meta = {
  title: "Primitives/Field",
  args: { hint: "Shown on the card and in notifications." },
  render: (args) => (
    <div style={{ maxWidth: 420 }}>
      <Field label="Name" {...args}>
        <Input defaultValue="Morning digest" />
      </Field>
    </div>
  ),
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithHint: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription(/Shown on the card/);
  },
};

export const Required: Story = { args: { required: true } };
export const Optional: Story = { args: { optional: true } };

export const ValidationError: Story = {
  args: { error: "The name must be at most 100 characters." },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("textbox", { name: "Name" })).toBeInvalid();
  },
};

export const Dark: Story = { ...ValidationError, globals: { theme: "dark" } };
