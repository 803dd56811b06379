import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { classifyComposioFailure, toDomainError, type FailureContext } from "../../src/server/composio/errors";
import { consoleLogger, formatLogLine } from "../../src/server/deps";
import * as errors from "../../src/server/errors";
import {
  ConflictError,
  fieldErrorsOf,
  InvalidInputError,
  isInstance,
  isPermanentError,
  isPlannerError,
  NotFoundError,
  PermanentError,
  PlannerError,
  plannerErrorOf,
  UpstreamError,
} from "../../src/server/errors";
import * as serverEntry from "../../src/server/index";

type ErrorsModule = typeof errors;

/** A second copy of the errors module, as a host that bundles the package twice has (its own classes). */
async function secondCopy(): Promise<ErrorsModule> {
  vi.resetModules();
  const copy = (await import("../../src/server/errors"));
  expect(copy.InvalidInputError).not.toBe(InvalidInputError);
  return copy;
}

/** A revoked Proxy: every read, `in` and `instanceof` on it throws. */
function revoked(): object {
  const { proxy, revoke } = Proxy.revocable(new Error("gone"), {});
  revoke();
  return proxy;
}

/** An object whose every property read throws. */
function throwingGetters(): object {
  return new Proxy(
    {},
    {
      get() {
        throw new Error("no reading");
      },
      has() {
        throw new Error("no asking");
      },
      getPrototypeOf() {
        throw new Error("no prototype");
      },
    },
  );
}

let minifiedDir: string;
/** src/server/errors.ts bundled and minified the way a host's production build does (class names mangled). */
let minified: ErrorsModule;

beforeAll(async () => {
  minifiedDir = await mkdtemp(join(tmpdir(), "planner-minified-errors-"));
  const result = await build({
    entryPoints: [resolve(__dirname, "../../src/server/errors.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
  });
  const file = join(minifiedDir, "errors.min.mjs");
  await writeFile(file, result.outputFiles[0]!.text);
  minified = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ErrorsModule;
});

afterAll(async () => {
  await rm(minifiedDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("domain error names", () => {
  it("are the class names, and survive a bundler that mangles class names", () => {
    // The minified bundle really did rename the classes: `new.target.name` would not be "NotFoundError".
    expect(minified.NotFoundError.name).not.toBe("NotFoundError");
    for (const module of [errors, minified]) {
      expect(new module.NotFoundError("x").name).toBe("NotFoundError");
      expect(new module.ConflictError("x").name).toBe("ConflictError");
      expect(new module.InvalidInputError("x").name).toBe("InvalidInputError");
      expect(new module.TooManyRequestsError("x").name).toBe("TooManyRequestsError");
      expect(new module.NotConfiguredError("x").name).toBe("NotConfiguredError");
      expect(new module.NotStartedError().name).toBe("NotStartedError");
      expect(new module.UpstreamError("x").name).toBe("UpstreamError");
      expect(new module.ForbiddenError("x").name).toBe("ForbiddenError");
      expect(new module.PermanentError("x").name).toBe("PermanentError");
    }
  });

  it("keep a host subclass's own name, or its planner ancestor's when the bundler dropped it", () => {
    class MissingThing extends NotFoundError {}
    expect(new MissingThing("x").name).toBe("MissingThing");
    const [anonymous] = [class extends ConflictError {}];
    expect(anonymous.name).toBe("");
    expect(new anonymous("x").name).toBe("ConflictError");
  });
});

describe("plannerErrorOf / isPlannerError", () => {
  it("recognises this copy's errors, another copy's, a minified copy's and a host subclass, by brand", async () => {
    const copy = await secondCopy();
    // What `instanceof` got wrong: another copy's error is no instance of this copy's class.
    expect(isInstance(new copy.NotFoundError("gone"), NotFoundError)).toBe(false);
    expect(isInstance(new minified.NotFoundError("gone"), PlannerError)).toBe(false);
    class HostGone extends copy.NotFoundError {}
    const [nameless] = [class extends PlannerError {
      readonly code = "CONFLICT" as const;
    }];
    for (const error of [
      new NotFoundError("gone"),
      new copy.NotFoundError("gone"),
      new minified.NotFoundError("gone"),
      new HostGone("gone"),
      new nameless("gone"),
    ]) {
      expect(plannerErrorOf(error)).toBe(error);
      expect(isPlannerError(error)).toBe(true);
    }
  });

  it("recognises a branded plain object and an unbranded error of a planner name; nothing else", () => {
    const brand = Symbol.for("agent-planner.PlannerError");
    expect(isPlannerError({ [brand]: true, code: "NOT_FOUND", message: "gone" })).toBe(true);
    // Object.assign drops the non-enumerable brand, the name stays.
    expect(isPlannerError(Object.assign(new Error("x"), { name: "InvalidInputError", code: "BAD_REQUEST" }))).toBe(true);
    expect(isPlannerError({ [brand]: true, code: "NOT_A_CODE", message: "x" })).toBe(false);
    expect(isPlannerError({ [brand]: true, code: "NOT_FOUND" })).toBe(false);
    expect(isPlannerError(Object.assign(new Error("x"), { code: "NOT_FOUND" }))).toBe(false);
    expect(isPlannerError(Object.assign(new Error("ENOENT"), { code: "ENOENT" }))).toBe(false);
    for (const value of [null, undefined, "NotFoundError", 42, revoked(), throwingGetters()]) expect(isPlannerError(value)).toBe(false);
  });

  it("reads field errors from any copy's InvalidInputError, and never throws on hostile ones", async () => {
    const copy = await secondCopy();
    const fields = [{ path: "source.connectedAccountId", message: "Connect HubSpot first." }];
    expect(fieldErrorsOf(new copy.InvalidInputError("no account", fields))).toEqual(fields);
    expect(fieldErrorsOf(new minified.InvalidInputError("no account", fields))).toEqual(fields);
    expect(fieldErrorsOf(new InvalidInputError("no fields"))).toBeNull();
    expect(fieldErrorsOf(Object.assign(new Error("not ours"), { fieldErrors: fields }))).toBeNull();
    const hostile = new InvalidInputError("hostile", revoked() as never);
    expect(fieldErrorsOf(hostile)).toBeNull();
    expect(fieldErrorsOf(new InvalidInputError("mixed", [{ path: "a", message: "A" }, throwingGetters(), { path: 1 }] as never))).toEqual([
      { path: "a", message: "A" },
    ]);
  });
});

describe("PermanentError", () => {
  it("is exported from the server entry, with its message, cause and code", () => {
    expect(serverEntry.PermanentError).toBe(PermanentError);
    expect(serverEntry.isPermanentError).toBe(isPermanentError);
    const cause = new Error("401 from Gmail");
    const error = new PermanentError("Missing connection for gmail.", { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "PermanentError", message: "Missing connection for gmail.", code: "PERMANENT", cause });
    expect(isPermanentError(error)).toBe(true);
    // Not a domain error of the API: an executor's failure, never answered as a tRPC code.
    expect(isPlannerError(error)).toBe(false);
  });

  it("is recognised from another copy of the package, a minified copy, a host subclass and a copy without the brand", async () => {
    const copy = await secondCopy();
    class MissingConnection extends copy.PermanentError {}
    expect(isPermanentError(new copy.PermanentError("x"))).toBe(true);
    expect(isPermanentError(new minified.PermanentError("x"))).toBe(true);
    expect(isPermanentError(new MissingConnection("x"))).toBe(true);
    expect(copy.isPermanentError(new PermanentError("x"))).toBe(true);
    // Copied field by field (spread, JSON: a serialised step result): the brand is gone, name and code stay.
    expect(isPermanentError({ ...new PermanentError("x"), message: "x" })).toBe(true);
    expect(isPermanentError(JSON.parse(JSON.stringify(new PermanentError("x"))))).toBe(true);
    expect(isPermanentError({ [Symbol.for("agent-planner.PermanentError")]: true })).toBe(true);
  });

  it("is not any other error", () => {
    for (const value of [
      new Error("Missing connection"),
      new UpstreamError("x"),
      Object.assign(new Error("x"), { name: "PermanentError" }),
      Object.assign(new Error("x"), { code: "PERMANENT" }),
      { [Symbol.for("agent-planner.PermanentError")]: "yes" },
      "PermanentError",
      null,
      undefined,
      0,
    ]) {
      expect(isPermanentError(value)).toBe(false);
    }
  });

  it("never throws: a revoked Proxy or throwing getters are not permanent", () => {
    expect(() => isPermanentError(revoked())).not.toThrow();
    expect(isPermanentError(revoked())).toBe(false);
    expect(isPermanentError(throwingGetters())).toBe(false);
    const getterError = new Error("x");
    Object.defineProperty(getterError, "name", {
      get() {
        throw new Error("no name");
      },
    });
    expect(isPermanentError(getterError)).toBe(false);
  });
});

describe("Composio failures, read structurally", () => {
  const context: FailureContext = { secrets: ["sk_live_secret"], timeoutMs: 20_000, timedOut: false };

  it("passes a domain error of another copy through as it is", async () => {
    const copy = await secondCopy();
    const error = new copy.InvalidInputError("No connected HubSpot account for this user — connect HubSpot first.", [
      { path: "source.connectedAccountId", message: "Connect HubSpot first." },
    ]);
    expect(toDomainError(error, context)).toBe(error);
    const minifiedError = new minified.NotFoundError("Composio has no trigger type X.");
    expect(toDomainError(minifiedError, context)).toBe(minifiedError);
  });

  it("classifies the HTTP client's errors when a bundler renamed their classes", () => {
    // Shaped like @composio/client's errors: `status`, `headers` and `error` own properties, anonymous classes.
    const [Timeout, Connection] = [class extends Error {}, class extends Error {}];
    const timeout = Object.assign(new Timeout("Request timed out."), { status: undefined, headers: undefined, error: undefined });
    const connection = Object.assign(new Connection("Connection error."), { status: undefined, headers: undefined, error: undefined });
    expect(classifyComposioFailure(timeout)).toEqual({ kind: "timeout" });
    expect(classifyComposioFailure(connection)).toEqual({ kind: "network" });
    expect(classifyComposioFailure(new Error("wrapped", { cause: connection }))).toEqual({ kind: "network" });
    const http = Object.assign(new Error("400"), { status: 400, headers: {}, error: { error: { message: "bad config" } } });
    expect(classifyComposioFailure(http)).toEqual({ kind: "http", status: 400, message: "bad config" });
  });

  it("recognises fetch failed by name (another realm's TypeError) and never throws on hostile values", () => {
    const foreign = { name: "TypeError", message: "fetch failed", cause: { code: "ECONNREFUSED" } };
    expect(classifyComposioFailure(foreign)).toEqual({ kind: "network" });
    expect(classifyComposioFailure(revoked())).toEqual({ kind: "other" });
    expect(classifyComposioFailure(throwingGetters())).toEqual({ kind: "other" });
    expect(toDomainError(revoked(), context)).toBeInstanceOf(UpstreamError);
  });
});

describe("consoleLogger (the default logger)", () => {
  it("writes warnings and errors with their fields, one searchable line, the stack below", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const logger = consoleLogger();
    logger.error("planner API error", { errorId: "err_ABC123def456", path: "jobs.list", error: "boom at /srv/x", stack: "Error: boom\n    at x" });
    logger.warn("planner run attempt failed; retrying", { runId: "run_1", attempt: 2, error: "Gmail said 502", skipped: undefined });
    expect(error).toHaveBeenCalledWith('planner API error errorId=err_ABC123def456 path=jobs.list error="boom at /srv/x"\nError: boom\n    at x');
    expect(warn).toHaveBeenCalledWith('planner run attempt failed; retrying runId=run_1 attempt=2 error="Gmail said 502"');
  });

  it("is silent for debug and info by default; a level lets them through, silent drops everything", () => {
    const spies = (["debug", "info", "warn", "error"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => undefined));
    const [debug, info, warn, error] = spies;
    consoleLogger().debug("d", { a: 1 });
    consoleLogger().info("i");
    expect(debug).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
    consoleLogger({ level: "info" }).info("planner scheduler started", { concurrency: 4 });
    expect(info).toHaveBeenCalledWith("planner scheduler started concurrency=4");
    consoleLogger({ level: "debug" }).debug("d");
    expect(debug).toHaveBeenCalledWith("d");
    const silent = consoleLogger({ level: "silent" });
    silent.warn("w");
    silent.error("e");
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it("never throws, whatever the fields hold", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => consoleLogger().error("odd fields", { circular, big: 10n, proxy: revoked(), fn: () => 1, err: new Error("inner") })).not.toThrow();
    expect(error.mock.calls[0]?.[0]).toBe('odd fields circular=[unreadable] big=10 proxy=[unreadable] fn=[function] err="inner"');
    expect(() => consoleLogger().error("hostile", throwingGetters() as Record<string, unknown>)).not.toThrow();
    error.mockImplementation(() => {
      throw new Error("console is gone");
    });
    expect(() => consoleLogger().error("still fine")).not.toThrow();
    expect(formatLogLine("x", { quoted: 'a "b"', empty: "" })).toBe('x quoted="a \\"b\\"" empty=""');
  });
});
