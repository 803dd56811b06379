import { rmSync } from "node:fs";
import { PlannerPage, expect, seedPlanner, test } from "./fixtures";
import { freePort, freshDataDir, startDemoServer } from "./support/server";

test("Restart: after stopping and starting the server, jobs, triggers and history are all still there", async ({ page }) => {
  test.setTimeout(120_000);
  // A server of its own (not the shared webServer), so stopping it disturbs no other spec.
  const port = await freePort();
  const dataDir = freshDataDir("restart");
  let server = await startDemoServer({ port, dataDir });
  try {
    const planner = new PlannerPage(page, server.url);
    await planner.open();
    await seedPlanner(planner, "r1");

    await server.stop();
    server = await startDemoServer({ port, dataDir });

    await planner.open();
    await expect(planner.card("Daily job search r1")).toContainText("Active");
    await expect(planner.card("Daily job search r1")).toContainText(/Next: /);
    await expect(planner.card("Application sweep r1")).toContainText("Execute workflow");
    await expect(planner.card("Recruiter replies r1")).toContainText("1 event today");
    await expect(planner.recentActivity).toContainText("Daily job search r1 ran successfully");
    await expect(planner.recentActivity).toContainText("Recruiter replies r1 ran successfully");

    await planner.cardAction("Daily job search r1", "History");
    const history = page.getByRole("dialog", { name: "Run history · Daily job search r1" });
    await expect(history.getByRole("table", { name: "Runs" }).getByRole("row", { name: /Succeeded/ })).toHaveCount(1);
    await history.getByRole("button", { name: "Close" }).last().click();

    // The trigger still receives events after the restart.
    await planner.simulateEvent("Recruiter replies r1", (sample) => ({ ...sample, subject: "After the restart" }));
    await expect(planner.card("Recruiter replies r1")).toContainText("2 events today");

    await planner.openTab("Chats");
    await expect(planner.chat("Daily job search r1")).toHaveCount(1);
    await expect(planner.chat("Recruiter replies r1")).toHaveCount(2);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
