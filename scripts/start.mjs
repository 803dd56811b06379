#!/usr/bin/env node
/**
 * Runs the demo host (demo/, a Next.js app) with embedded defaults: file store in ./.planner-data, the
 * in-process scheduler, the local Composio sandbox and the demo executors — nothing to configure.
 *
 *   npm start            build, then serve on http://localhost:${PORT:-3000}
 *   npm run dev          next dev (hot reload)
 *
 * The demo has no login, so it listens on this machine only (127.0.0.1) unless HOST says otherwise
 * (HOST=0.0.0.0 to reach it from other machines — only on a network you trust).
 *
 * Environment (all optional): HOST, PORT, PLANNER_DATA_DIR, COMPOSIO_API_KEY + COMPOSIO_WEBHOOK_SECRET
 * (+ COMPOSIO_BASE_URL), INNGEST_SIGNING_KEY + INNGEST_SERVE_ORIGIN (+ INNGEST_EVENT_KEY).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const dev = process.argv.includes("--dev");
const skipBuild = process.argv.includes("--no-build");

const port = process.env.PORT?.trim() || "3000";
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`PORT must be a port number (1–65535), not "${port}".`);
  process.exit(2);
}

const host = process.env.HOST?.trim() || "127.0.0.1";
if (!/^[\w.:[\]-]+$/.test(host)) {
  console.error(`HOST must be an address or host name to listen on (e.g. 127.0.0.1, 0.0.0.0), not "${host}".`);
  process.exit(2);
}
const shownHost = host === "127.0.0.1" || host === "::1" ? "localhost" : host;
if (host !== "127.0.0.1" && host !== "::1" && host !== "localhost") {
  console.warn(`Listening on ${host}: the demo has no login, so anyone who can reach this address can use it.`);
}

const env = {
  ...process.env,
  PORT: port,
  HOST: host,
  PLANNER_DATA_DIR: resolve(root, process.env.PLANNER_DATA_DIR?.trim() || ".planner-data"),
  NEXT_TELEMETRY_DISABLED: "1",
  // The demo's instrumentation stops the planner (waiting for runs in progress) and then exits.
  NEXT_MANUAL_SIG_HANDLE: "1",
};

/** Runs `next <args>` in the repository root; resolves with its exit code. */
function next(args) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit" });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolveRun(code ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1));
    });
  });
}

if (dev) {
  console.log(`Starting the demo in development mode on http://${shownHost}:${port} …`);
  process.exitCode = await next(["dev", "demo", "-H", host, "-p", port]);
} else {
  if (!skipBuild) {
    console.log("Building the demo (next build demo) …");
    const code = await next(["build", "demo"]);
    if (code !== 0) {
      console.error(`next build failed (exit code ${code}).`);
      process.exit(code);
    }
  }
  console.log(`Starting the demo on http://${shownHost}:${port} …`);
  process.exitCode = await next(["start", "demo", "-H", host, "-p", port]);
}
