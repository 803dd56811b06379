import { recordingExecutors } from "../helpers/executors";
import { createHash, createHmac } from "node:crypto";
import type { Logger } from "inngest";
import type { CreateJobInput, Job, Trigger } from "../../src/shared/schemas";
import { Trigger as TriggerSchema } from "../../src/shared/schemas";
import { createInngestClient } from "../../src/server/inngest";
import { makeTrigger } from "../store/contract-fixtures";
import { testPlanner } from "../helpers/planner";
import type { PlannerOptions } from "../../src/server/options";

export const APP_ID = "test-app";
/** Shaped like a real key: `signkey-<env>-` and 64 hex digits. */
export const SIGNING_KEY = `signkey-test-${"5f2b".repeat(16)}`;
export const EVENT_KEY = "test-event-key";

/** An event as the client posts it to Inngest's event API. */
export interface SentEvent {
  id?: string;
  name: string;
  data: Record<string, unknown>;
  ts?: number;
}

/** A sync (`PUT` on the route) as the SDK posts it to Inngest. */
export interface Registration {
  authorization: string | null;
  body: { url: string; appName: string; functions: Array<Record<string, unknown> & { id: string }> };
}

/**
 * Plays Inngest's APIs over a `fetch`, never touching the network: the event API (`POST /e/<event key>`)
 * records events, `POST /fn/register` records syncs.
 */
export function fakeInngestApi() {
  const sent: SentEvent[] = [];
  const registrations: Registration[] = [];
  const urls: string[] = [];
  let failWith: number | null = null;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    urls.push(url.href);
    if (init?.method === "POST" && url.pathname === "/fn/register") {
      const headers = new Headers(init.headers);
      registrations.push({ authorization: headers.get("authorization"), body: JSON.parse(await new Response(init.body).text()) as Registration["body"] });
      return Response.json({ status: 200, modified: true });
    }
    if (init?.method === "POST" && url.pathname === `/e/${EVENT_KEY}`) {
      if (failWith) return Response.json({ error: "unavailable", status: failWith }, { status: failWith });
      const events = JSON.parse(await new Response(init.body).text()) as SentEvent[];
      sent.push(...events);
      return Response.json({ ids: events.map((e) => e.id ?? ""), status: 200 });
    }
    return Response.json({ error: `no route for ${url.pathname}` }, { status: 404 });
  };
  return {
    fetch,
    sent,
    registrations,
    urls,
    fail(status: number | null) {
      failWith = status;
    },
  };
}

/** A logger that keeps what the SDK says, so tests stay quiet and can look at it. */
export function recordingLogger() {
  const lines: unknown[][] = [];
  const log = (...args: unknown[]) => {
    lines.push(args);
  };
  const logger: Logger = { info: log, warn: log, error: log, debug: log };
  return { logger, lines };
}

export { recordingExecutors };

/**
 * A planner on Inngest (cloud mode, signing and event keys set) over a memory store, a fake clock, a
 * recording executor and a fake Inngest event API.
 */
export function inngestHarness(
  start = "2026-11-30T08:50:00.000Z",
  clientOptions: { signingKey?: string; isDev?: boolean } = { signingKey: SIGNING_KEY },
  plannerOptions: Partial<PlannerOptions> = {},
) {
  const api = fakeInngestApi();
  const sdkLog = recordingLogger();
  const client = createInngestClient({ id: APP_ID, eventKey: EVENT_KEY, fetch: api.fetch, logger: sdkLog.logger, ...clientOptions });
  const exec = recordingExecutors();
  const t = testPlanner({ executors: exec.executors, inngest: { client }, ...plannerOptions }, start);
  async function createJob(input: Partial<CreateJobInput> = {}): Promise<Job> {
    return t.caller().jobs.create({
      agentId: "agent-1",
      name: "Morning brief",
      schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Good {timeOfDay}, {agentName}! It is {dayOfWeek} {time} in {timezone}." },
      ...input,
    });
  }
  /** Stores a trigger directly (creating one through the router needs Composio). */
  async function addTrigger(fields: Partial<Trigger> = {}): Promise<Trigger> {
    const trigger = TriggerSchema.parse({ ...makeTrigger(1), ...fields });
    await t.store.update("agent-1", (planner) => ({ ...planner, triggers: [...planner.triggers, trigger] }));
    return trigger;
  }
  return { ...t, api, client, exec, sdkLog, createJob, addTrigger };
}

/** RFC 8785 canonical JSON for plain data: sorted keys, no whitespace (what the SDK signs for a JSON body). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * `x-inngest-signature` the way Inngest signs a request: `t=<unix seconds>&s=<hex HMAC-SHA256>`, where the
 * HMAC key is the signing key without its `signkey-<env>-` prefix (the hex text itself, not decoded bytes)
 * and the message is the canonical JSON of the body (or the raw string, e.g. "" for a GET) followed by the
 * timestamp.
 */
export function inngestSignature(body: unknown, signingKey: string, at: Date = new Date()): string {
  const ts = String(Math.floor(at.getTime() / 1000));
  const key = signingKey.replace(/^signkey-\w+-/, "");
  const message = typeof body === "string" ? body : canonicalJson(body);
  const mac = createHmac("sha256", key).update(message).update(ts).digest("hex");
  return `t=${ts}&s=${mac}`;
}

/** The id Inngest uses for a step in requests and responses: the SHA-1 of its name. */
export function hashedStepId(id: string): string {
  return createHash("sha1").update(id).digest("hex");
}
