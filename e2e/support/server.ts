import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A new, empty data folder for one demo server. */
export function freshDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `planner-e2e-${label}-`));
}

/**
 * A demo server of its own (the Restart spec stops and starts it), running the built demo like
 * `npm start -- --no-build`. Resolves once the page answers.
 */
export async function startDemoServer(options: { port: number; dataDir: string }): Promise<{ url: string; stop(): Promise<void> }> {
  const url = `http://localhost:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "scripts", "start.mjs"), "--no-build"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), PLANNER_DATA_DIR: options.dataDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The demo server exited (code ${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/demo/triggers`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The demo server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }

  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      // SIGTERM: the demo stops its planner (waiting for runs in progress) and exits, as on a real shutdown.
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
