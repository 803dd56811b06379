import { ConsoleLogger, type Inngest, type Logger } from "inngest";
import type { PlannerLogger } from "../options";

type Level = "debug" | "info" | "warn" | "error";

/** Where the SDK keeps the logger for its own messages (inngest 4.x; `Symbol.for`, so it is shared across copies). */
const INTERNAL_LOGGER = Symbol.for("inngest.internalLogger");

/**
 * SDK messages that answer a caller's mistake, not a fault of this server: an unsigned or wrongly signed
 * request is what anyone probing the URL sends, so it is a warning without a stack trace.
 */
const CALLER_MISTAKES = new Set(["Signature validation failed"]);

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Pino-style fields as planner log fields: errors become their message (no stack), and never a `message` key. */
function toFields(record: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "err" || key === "error") fields.error = describe(value);
    else if (key === "message" || key === "msg") fields.detail = describe(value);
    else fields[key] = value instanceof Error ? value.message : value;
  }
  return fields;
}

/**
 * An Inngest `Logger` that writes to the planner's logger. The SDK calls it pino-style, `(fields, text)`, or
 * with plain values; both become `logger[level](text, fields)`.
 */
export function inngestLoggerFor(logger: PlannerLogger): Logger {
  const at =
    (level: Level) =>
    (...args: unknown[]): void => {
      const [first, second, ...rest] = args;
      const pino = typeof first === "object" && first !== null && !(first instanceof Error) && typeof second === "string";
      const text = pino ? second : describe(first);
      const fields = pino ? toFields(first as Record<string, unknown>) : first instanceof Error ? { error: first.message } : {};
      const extra = pino ? rest : [second, ...rest].filter((v) => v !== undefined);
      if (extra.length > 0) fields.detail = extra.map(describe).join(" ");
      const effective = CALLER_MISTAKES.has(text) && level === "error" ? "warn" : level;
      logger[effective](`inngest: ${text}`, fields);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/**
 * Sends the SDK's own messages (registration, signature checks, request parsing) to the planner's logger
 * when the host left the client on the SDK's console logger; a logger the host gave the client is kept.
 * Returns whether it did.
 */
export function routeInngestLogs(client: Inngest.Any, logger: PlannerLogger): boolean {
  const holder = client as unknown as Record<symbol, unknown>;
  if (!(holder[INTERNAL_LOGGER] instanceof ConsoleLogger)) return false;
  holder[INTERNAL_LOGGER] = inngestLoggerFor(logger);
  return true;
}
