import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { Label, Switch, Tabs, TabsContent, TabsList, TabsTrigger, TruncatedText } from "../../src/components/ui";

/** Small primitives together: a switch with its label, tabs, and text truncated with a tooltip. */
const meta = {
  title: "Primitives/Switch, Tabs, TruncatedText",
  render: () => (
    <div style={{ display: "grid", gap: 24, maxWidth: 420 }}>
      <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
        <Switch id="advanced" />
        <Label htmlFor="advanced">Advanced JSON</Label>
      </div>
      <Tabs defaultValue="presets">
        <TabsList aria-label="Schedule mode">
          <TabsTrigger value="presets">Presets</TabsTrigger>
          <TabsTrigger value="builder">Builder</TabsTrigger>
          <TabsTrigger value="custom">Custom</TabsTrigger>
        </TabsList>
        <TabsContent value="presets">Preset cards</TabsContent>
        <TabsContent value="builder">Builder fields</TabsContent>
        <TabsContent value="custom">Expression fields</TabsContent>
      </Tabs>
      <div style={{ width: 220 }}>
        <TruncatedText>Quarterly board-meeting preparation and investor update summary</TruncatedText>
      </div>
    </div>
  ),
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("switch", { name: "Advanced JSON" }));
    await expect(canvas.getByRole("switch", { name: "Advanced JSON" })).toBeChecked();
    await userEvent.click(canvas.getByRole("tab", { name: "Custom" }));
    await expect(canvas.getByText("Expression fields")).toBeVisible();
  },
};

export const Dark: Story = { ...Default, globals: { theme: "dark" } };
