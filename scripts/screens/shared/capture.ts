import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Page } from "playwright";
import { createServer } from "vite";
import { CHROMIUM_LAUNCH } from "../../chromium";

/** One screenshot: a page under scripts/screens/, its query string, a viewport, and steps before the capture. */
export interface Shot {
  name: string;
  query: string;
  width?: number;
  height?: number;
  fullPage?: boolean;
  /** Clicks etc. after the page is ready. */
  prepare?: (page: Page) => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Serves scripts/screens/ with Vite (the real router over a memory store runs in the page) and captures each
 * shot of `pageDir` in light and dark into `<pageDir>/out/`.
 *
 * @example
 * ```ts
 * await captureScreens("panel", [{ name: "populated", query: "scenario=populated" }]);
 * ```
 */
export async function captureScreens(pageDir: string, shots: Shot[]): Promise<string[]> {
  const server = await createServer({ root: ROOT, configFile: false, logLevel: "warn", server: { port: 0, host: "127.0.0.1" } });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === "object" && address ? address.port : 5173;
  const outDir = path.join(ROOT, pageDir, "out");
  await mkdir(outDir, { recursive: true });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const written: string[] = [];
  try {
    for (const theme of ["light", "dark"] as const) {
      for (const shot of shots) {
        const page = await browser.newPage({ viewport: { width: shot.width ?? 1280, height: shot.height ?? 900 }, colorScheme: theme, reducedMotion: "reduce" });
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await page.goto(`http://127.0.0.1:${port}/${pageDir}/?${shot.query}&theme=${theme}`);
        try {
          await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 30_000 });
        } catch (error) {
          throw new Error(`${shot.name} (${theme}) never became ready:\n  ${errors.join("\n  ")}`, { cause: error });
        }
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(500);
        await shot.prepare?.(page);
        const file = path.join(outDir, `${shot.name}-${theme}.png`);
        await page.screenshot({ path: file, fullPage: shot.fullPage ?? true });
        written.push(file);
        if (errors.length) console.warn(`${shot.name} (${theme}):\n  ${errors.join("\n  ")}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return written;
}
