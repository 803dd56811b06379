import { expect, ownDemoServer, test } from "./fixtures";

/**
 * A press made as the page appears, before React has hydrated the panel, must not be lost. The demo used to stream the
 * panel into a <Suspense> boundary; a click on a boundary that had not hydrated yet was dropped (React rendered the
 * boundary again in the browser), so "Add job" pressed right after the load event did nothing in 3 of 4 visits.
 */
const server = ownDemoServer("first-press");

const JOBS = 150;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Enough cards that hydrating them takes a while after the load event (the window a person can press in).
  const create = (i: number) =>
    fetch(`${server.url}/api/planner/jobs.create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        json: {
          agentId: "job-application-agent",
          name: `Pipeline check ${String(i).padStart(3, "0")}`,
          schedule: { cron: `${i % 60} ${8 + (i % 10)} * * *`, timezone: "UTC" },
          action: { type: "chat", template: "Check new roles on {date}." },
        },
      }),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`jobs.create: HTTP ${response.status} ${await response.text()}`);
    });
  for (let i = 0; i < JOBS; i += 10) await Promise.all(Array.from({ length: Math.min(10, JOBS - i) }, (_, k) => create(i + k)));
});

test('"Add job" pressed while the panel is still hydrating opens the dialog', async ({ page }) => {
  test.setTimeout(120_000);
  // A slower CPU (4×) stretches hydration, as on a modest laptop.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // Presses "Add job" at the first moment React listens on the page while the button is not hydrated yet (React's
  // own markers: `_reactListening…` on the document, `__reactProps…` on a hydrated element), and says whether it
  // managed to press before hydration (else it presses once hydrated, and the visit proves less).
  await page.addInitScript(() => {
    const state = window as unknown as { __press?: "before" | "after" };
    const hasKey = (target: object, prefix: string) => Object.keys(target).some((key) => key.startsWith(prefix));
    const look = () => {
      const button = [...document.querySelectorAll("button")].find((candidate) => candidate.textContent?.trim() === "Add job");
      if (button && hasKey(document, "_reactListening")) {
        state.__press = hasKey(button, "__reactProps") ? "after" : "before";
        button.click();
        return;
      }
      setTimeout(look, 1);
    };
    look();
  });

  const presses: string[] = [];
  for (let visit = 0; visit < 3; visit++) {
    await page.goto(`${server.url}/?tab=planner`);
    await expect(page.getByRole("dialog", { name: "Create scheduled job" })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("dialog").getByRole("textbox", { name: "Name", exact: true })).toBeVisible();
    presses.push(await page.evaluate(() => (window as unknown as { __press?: string }).__press ?? "none"));
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }
  // The test means something only if some press landed before hydration ended.
  expect(presses, `when each visit's press landed: ${presses.join(", ")}`).toContain("before");
});
