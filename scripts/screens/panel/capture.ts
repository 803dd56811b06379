/**
 * Screenshots of PlannerPanel and RunHistory (not part of `npm test`):
 *   npx tsx scripts/screens/panel/capture.ts
 * writes scripts/screens/panel/out/<name>-<light|dark>.png.
 */
import { captureScreens } from "../shared/capture";

const files = await captureScreens("panel", [
  { name: "populated", query: "scenario=populated" },
  { name: "empty", query: "scenario=empty" },
  { name: "attention", query: "scenario=attention" },
  { name: "narrow", query: "scenario=attention", width: 420 },
  // The panel inside a host's own tab chrome: no panel header, the host's heading and "Add job", a host card behind.
  { name: "host-chrome", query: "scenario=populated&chrome=host&logos=none" },
  {
    name: "host-chrome-add-job",
    query: "scenario=populated&chrome=host",
    fullPage: false,
    prepare: async (page) => {
      await page.getByRole("button", { name: "+ Add job (host)" }).click();
      await page.getByRole("dialog").waitFor();
      await page.waitForTimeout(400);
    },
  },
  {
    name: "history",
    query: "scenario=history",
    prepare: async (page) => {
      await page.getByRole("button", { name: /^Debug run of/ }).first().click();
    },
  },
  {
    name: "card-history-dialog",
    query: "scenario=attention",
    height: 1000,
    fullPage: false,
    prepare: async (page) => {
      await page.getByRole("button", { name: "Actions for Daily Job Search" }).click();
      await page.getByRole("menuitem", { name: "History" }).click();
      await page.getByRole("dialog").waitFor();
      await page.waitForTimeout(400);
    },
  },
]);
console.log(files.join("\n"));
