import type { Meta, StoryObj } from "@storybook/react-vite";
import { PlusIcon } from "lucide-react";
import { expect, fn } from "storybook/test";
import { Button, type ButtonVariant } from "../../src/components/ui";

const meta = {
  title: "Primitives/Button",
  component: Button,
  args: { children: "Add job", onClick: fn() },
} satisfies Meta<typeof Button>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = {
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Add job" }));
    await expect(args.onClick).toHaveBeenCalledOnce();
  },
};

const VARIANTS: ButtonVariant[] = ["primary", "outline", "secondary", "ghost", "destructive", "link"];

export const Variants: Story = {
  render: (args) => (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap", alignItems: "center" }}>
      {VARIANTS.map((variant) => (
        <Button key={variant} {...args} variant={variant}>
          {variant}
        </Button>
      ))}
      <Button {...args} size="sm" variant="outline">
        <PlusIcon aria-hidden="true" /> Small
      </Button>
      <Button {...args} size="icon" variant="ghost" aria-label="Add">
        <PlusIcon aria-hidden="true" />
      </Button>
      <Button {...args} disabled>
        Disabled
      </Button>
    </div>
  ),
};

export const Dark: Story = { ...Variants, globals: { theme: "dark" } };
