import type { Meta, StoryObj } from "@storybook/react-vite";
import { Badge, type BadgeTone } from "../../src/components/ui";

const meta = {
  title: "Primitives/Badge",
  component: Badge,
  args: { children: "Active", tone: "success" },
} satisfies Meta<typeof Badge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Success: Story = {};

const TONES: BadgeTone[] = ["neutral", "success", "warning", "danger", "info", "accent"];

export const Tones: Story = {
  render: () => (
    <div style={{ display: "flex", gap: 8 }}>
      {TONES.map((tone) => (
        <Badge key={tone} tone={tone}>
          {tone}
        </Badge>
      ))}
    </div>
  ),
};

export const Dark: Story = { ...Tones, globals: { theme: "dark" } };
