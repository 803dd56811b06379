import { PlannerConfigError } from "../errors";
import type { PlannerLogger } from "../options";
import { NOTIFICATION_SIGNATURE_HEADER, signNotification } from "./signature";
import type { PlannerNotification, PlannerNotificationOptions } from "./types";

const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends notifications: the host's callbacks and the signed webhook, each bounded in time, never throwing. */
export interface Notifier {
  /** Whether anything listens (no callback and no webhook: episodes are not even tracked). */
  readonly enabled: boolean;
  /** Sends one notification in the background; the returned promise settles when it was delivered or gave up. */
  send(notification: PlannerNotification): Promise<void>;
  /** Resolves once every notification sent so far was delivered or abandoned (tests, shutdown). */
  settled(): Promise<void>;
}

const HANDLERS = { runFailed: "onRunFailed", autoPaused: "onAutoPaused", connectionBroken: "onConnectionBroken", overdue: "onOverdue", recovered: "onRecovered" } as const;

/** Checks the notification options at `createPlanner`, so a typo fails at start rather than when a job fails. */
export function checkNotificationOptions(options: PlannerNotificationOptions): void {
  for (const name of Object.values(HANDLERS)) {
    const handler = options[name];
    if (handler !== undefined && typeof handler !== "function") throw new PlannerConfigError(`createPlanner: \`${name}\` must be a function (notification) => void.`);
  }
  if (options.notificationLinks !== undefined && typeof options.notificationLinks !== "function") {
    throw new PlannerConfigError("createPlanner: `notificationLinks` must be a function (agentId) => ({ planner }).");
  }
  const timeout = options.notifyTimeoutMs;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 120_000)) {
    throw new PlannerConfigError(`createPlanner: \`notifyTimeoutMs\` must be from 1 to 120,000 milliseconds, got ${String(timeout)}.`);
  }
  const hook = options.notifyWebhook;
  if (hook === undefined) return;
  let url: URL | null = null;
  try {
    url = new URL(String(hook?.url));
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw new PlannerConfigError("createPlanner: `notifyWebhook.url` must be an http(s) URL.");
  if (typeof hook.secret !== "string" || hook.secret.length < 16) throw new PlannerConfigError("createPlanner: `notifyWebhook.secret` must be a string of at least 16 characters.");
}

function withTimeout(work: () => Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(work), timeout])
    .then(() => undefined)
    .finally(() => clearTimeout(timer));
}

export function createNotifier(options: PlannerNotificationOptions, logger: PlannerLogger, clock: () => Date): Notifier {
  const timeoutMs = options.notifyTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const hook = options.notifyWebhook;
  const pending = new Set<Promise<void>>();
  const enabled = Object.values(HANDLERS).some((name) => typeof options[name] === "function") || hook !== undefined;

  async function deliver(notification: PlannerNotification) {
    const fields = { agentId: notification.agentId, kind: notification.item.kind, id: notification.item.id, type: notification.type };
    const handler = options[HANDLERS[notification.type]] as ((n: PlannerNotification) => unknown) | undefined;
    const calls: Array<Promise<void>> = [];
    if (handler) {
      calls.push(withTimeout(() => Promise.resolve(handler(notification)), timeoutMs, HANDLERS[notification.type]).catch((error: unknown) => {
        logger.warn("planner: a notification callback failed", { ...fields, error: String(error) });
      }));
    }
    if (hook) {
      const body = JSON.stringify(notification);
      const signature = signNotification(body, hook.secret, Math.floor(clock().getTime() / 1000));
      calls.push(
        withTimeout(
          async () => {
            const response = await fetch(hook.url, {
              method: "POST",
              headers: { "content-type": "application/json", [NOTIFICATION_SIGNATURE_HEADER]: signature, "x-planner-event": notification.type },
              body,
              signal: AbortSignal.timeout(timeoutMs),
            });
            if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
          },
          timeoutMs,
          "notifyWebhook",
        ).catch((error: unknown) => logger.warn("planner: the notification webhook failed", { ...fields, error: String(error) })),
      );
    }
    await Promise.all(calls);
  }

  return {
    enabled,
    send(notification) {
      const delivery = deliver(notification).catch(() => undefined);
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
      return delivery;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
