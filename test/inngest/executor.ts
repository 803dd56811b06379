import { randomUUID } from "node:crypto";
import { APP_ID, SIGNING_KEY, inngestSignature } from "./helpers";

type Handler = (req: Request) => Promise<Response>;

export const ROUTE_URL = "https://app.example.com/api/inngest";

/** An event as Inngest delivers it to a function. */
export interface DeliveredEvent {
  name: string;
  data: Record<string, unknown>;
  id?: string;
  ts?: number;
}

type StepState = Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }>;

export interface CallOptions {
  steps?: StepState;
  attempt?: number;
  maxAttempts?: number;
  runId?: string;
  signingKey?: string;
  /** Overrides the signature header (or removes it with `null`). */
  signature?: string | null;
}

/** The body Inngest posts when it calls a function: the event(s), the memoized steps and the run context. */
export function callBody(event: DeliveredEvent, options: CallOptions = {}) {
  const delivered = { id: event.id ?? randomUUID(), ts: event.ts ?? Date.now(), ...event };
  return {
    event: delivered,
    events: [delivered],
    steps: options.steps ?? {},
    ctx: {
      run_id: options.runId ?? "01KCRUN0000000000000000000",
      attempt: options.attempt ?? 0,
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: Object.keys(options.steps ?? {}), current: Object.keys(options.steps ?? {}).length },
    },
  };
}

/** A signed `POST ?fnId=<app>-<fn>&stepId=step`, the request Inngest sends to run a function. */
export function functionCall(fnSlug: string, event: DeliveredEvent, options: CallOptions = {}): Request {
  const body = callBody(event, options);
  const signature = options.signature === undefined ? inngestSignature(body, options.signingKey ?? SIGNING_KEY) : options.signature;
  return new Request(`${ROUTE_URL}?fnId=${APP_ID}-${fnSlug}&stepId=step`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
    body: JSON.stringify(body),
  });
}

interface Op {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
}

export type DriveResult =
  | { outcome: "completed"; output: unknown; steps: string[]; requests: number }
  | { outcome: "failed"; status: number; error: { name?: string; message?: string }; steps: string[]; requests: number };

/**
 * Plays Inngest's executor for one run: calls the function, memoizes each step it reports, retries a
 * failed step with the next attempt number (up to `maxAttempts`), and stops when the function returns
 * or fails for good.
 */
export async function driveRun(POST: Handler, fnSlug: string, event: DeliveredEvent, maxAttempts = 4): Promise<DriveResult> {
  const steps: StepState = {};
  const names: string[] = [];
  const delivered = { id: event.id ?? randomUUID(), ts: event.ts ?? Date.now(), ...event };
  let attempt = 0;
  for (let requests = 1; requests <= 50; requests++) {
    const res = await POST(functionCall(fnSlug, delivered, { steps, attempt, maxAttempts }));
    if (res.status === 200) return { outcome: "completed", output: await res.json(), steps: names, requests };
    if (res.status !== 206) return { outcome: "failed", status: res.status, error: (await res.json()) as { message?: string }, steps: names, requests };
    const ops = (await res.json()) as Op[];
    for (const op of ops) {
      const name = op.displayName ?? op.name ?? op.id;
      if (op.op === "StepRun") {
        steps[op.id] = { type: "data", data: op.data ?? null };
        names.push(name);
        attempt = 0;
      } else if (op.op === "StepError") {
        attempt += 1;
        names.push(`${name}:retry`);
      } else if (op.op === "StepFailed") {
        steps[op.id] = { type: "error", error: op.error };
        names.push(`${name}:failed`);
        attempt = 0;
      } else if (op.op === "RunComplete") {
        return { outcome: "completed", output: op.data, steps: names, requests };
      } else {
        throw new Error(`driveRun: unexpected op ${op.op}`);
      }
    }
  }
  throw new Error("driveRun: the run did not finish in 50 requests");
}

/** The `inngest/function.failed` event Inngest sends after a run of `fnSlug` failed for good. */
export function failureEvent(fnSlug: string, original: DeliveredEvent, error: unknown): DeliveredEvent {
  return {
    name: "inngest/function.failed",
    data: { function_id: `${APP_ID}-${fnSlug}`, run_id: "01KCRUN0000000000000000000", error, event: original },
  };
}
