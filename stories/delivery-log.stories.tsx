import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { DeliveryLog } from "../src/components";
import { AGENT_ID, STORY_NOW, type BrowserPlanner } from "./support/browser-planner";
import { plannerOf, withPlanner } from "./support/planner-story";
import { triggerInput } from "./support/seed";

/** A Gmail trigger ("subject contains invoice") with a fired, a filtered, a duplicate, a paused and an invalid delivery. */
async function seedDeliveries(planner: BrowserPlanner) {
  const trigger = await planner.caller.triggers.create(
    triggerInput("Invoices", "gmail", { filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] } }),
  );
  const at = (minutes: number) => new Date(STORY_NOW - minutes * 60_000);
  const count = (deliveryId: string, outcome: "fired" | "filtered", minutes: number, subject: string) =>
    planner.store.countDelivery(AGENT_ID, trigger.id, {
      deliveryId,
      outcome,
      at: at(minutes),
      ttlMs: 86_400_000,
      log: { eventType: "GMAIL_NEW_GMAIL_MESSAGE", payload: { subject, sender: "billing@acme.example" }, ...(outcome === "filtered" ? { failed: [{ index: 1, text: "subject contains 'invoice'" }] } : {}) },
    });
  await count("msg_0001", "fired", 50, "Invoice 1001");
  await count("msg_0002", "filtered", 40, "Lunch on Friday?");
  await count("msg_0001", "fired", 39, "Invoice 1001");
  await planner.store.logDelivery(AGENT_ID, { deliveryId: "msg_0003", triggerId: trigger.id, receivedAt: at(20).toISOString(), verdict: "paused", payload: { subject: "Invoice 1002" } });
  await planner.store.logDelivery(AGENT_ID, { deliveryId: "msg_0004", triggerId: trigger.id, receivedAt: at(5).toISOString(), verdict: "invalid", reason: "The webhook body is not a Composio event." });
}

/** A trigger's delivery log (under its runs in the History dialog): every delivery with its verdict. */
const meta = {
  title: "History/DeliveryLog",
  render: (_args, context) => {
    const trigger = plannerOf(context).triggers[0];
    return trigger ? <DeliveryLog agentId={AGENT_ID} triggerId={trigger.id} /> : <p>No trigger</p>;
  },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const EveryVerdict: Story = {
  ...withPlanner(seedDeliveries),
  play: async ({ canvasElement }) => {
    const log = within(canvasElement);
    await expect(await log.findByText("condition 1: subject contains 'invoice'")).toBeVisible();
    for (const word of ["Fired", "Filtered", "Duplicate", "Paused", "Invalid"]) await expect(log.getByText(word)).toBeVisible();
  },
};

export const Empty: Story = {
  ...withPlanner(({ caller }) => caller.triggers.create(triggerInput("Quiet"))),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/No events received yet/)).toBeVisible();
  },
};
