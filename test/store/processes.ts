/**
 * Runs test/store/worker.ts as a second process (see there for its modes). `dir` is the file store's directory,
 * or `postgres:<schema>` for the PostgreSQL store on the test server.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const WORKER = resolve(import.meta.dirname, "./worker.ts");

/** Starts the worker in "hold" mode and SIGKILLs it once it holds the agent's lock. */
export function killWhenHolding(dir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, dir, "agent-1", "hold"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("holding")) child.kill("SIGKILL");
    });
    child.on("error", fail);
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? done() : fail(new Error(`worker ended on its own: ${stderr}`))));
  });
}

/** Runs the worker to completion and returns its stdout (fails on a non-zero exit). */
export function runWorker(dir: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, dir, "agent-1", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(stdout) : fail(new Error(`worker exited with ${code}: ${stderr}`))));
  });
}

/** Starts the worker's write loop, SIGKILLs it after `acks` acknowledged writes; answers the last ack seen. */
export function killAfterAcks(dir: string, acks: number, mode = "loop"): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, dir, "agent-1", mode], { stdio: ["ignore", "pipe", "pipe"] });
    let buffer = "";
    let last = 0;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^ack (\d+)$/.exec(line);
        if (match) last = Number(match[1]);
      }
      if (last >= acks && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    child.on("error", fail);
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? done(last) : fail(new Error(`worker ended before it was killed: ${stderr}`)),
    );
  });
}
