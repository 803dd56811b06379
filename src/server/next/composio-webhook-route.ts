import { readBodyWithin } from "./read-body";
import { errorIdOf } from "../error-ids";
import type { Planner } from "../deps";
import type { PlannerLogger } from "../options";
import { isInstance, PlannerConfigError } from "../errors";
import { storageFaultOf } from "../store/faults";
import { receiveComposioDelivery } from "../features/triggers/deliveries";

export { DEDUPE_TTL_MS } from "../features/triggers/deliveries";

/** Largest webhook body accepted (Composio payloads are far smaller; anything bigger is refused with 413). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export interface ComposioWebhookRouteOptions {
  planner: Planner;
  /** Allowed clock skew for `webhook-timestamp`, default 300 s. */
  toleranceSeconds?: number | undefined;
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": "application/json" } });
}

/** An error's text for the log; never throws (a revoked Proxy or a throwing `toString` included). */
function describeError(error: unknown): string {
  try {
    return String(error);
  } catch {
    return "(an error that cannot be described)";
  }
}

/**
 * Answers every delivery 503 with `problem` (Composio retries later), logged once: a host that has not set Composio
 * up yet still builds and starts.
 */
function notConfigured(problem: string, logger: PlannerLogger): { POST: (req: Request) => Promise<Response> } {
  let logged = false;
  return {
    POST() {
      if (!logged) {
        logged = true;
        try {
          logger.warn("composio webhook: not configured, answering 503", { problem });
        } catch {
          // A host's logger that throws must not turn the answer into another error.
        }
      }
      return Promise.resolve(json(503, { error: `Composio is not configured: ${problem}` }, { "retry-after": "3600" }));
    },
  };
}

/**
 * The Composio webhook as a Next.js App Router route. It only adapts HTTP to the triggers feature
 * (`receiveComposioDelivery`: verify, dedupe, route, store the run): it refuses a request without signature headers
 * before reading its body, bounds the body, and maps the receipt and failures to status codes (a storage fault or an
 * error is never a 200, so Composio retries). It answers in milliseconds; the run itself happens in the background. Unknown or paused triggers get 200 `ignored`, so Composio does
 * not retry for ever. Without a Composio gateway (or its webhook secret) it still builds: every request is answered 503
 * with the sentence that says what to configure.
 *
 * @example
 * ```ts
 * // app/api/workforce/triggers/webhook/route.ts
 * export const { POST } = createComposioWebhookRoute({ planner });
 * ```
 */
export function createComposioWebhookRoute(options: ComposioWebhookRouteOptions): { POST: (req: Request) => Promise<Response> } {
  const planner = options?.planner;
  if (!planner?.deps) throw new PlannerConfigError("createComposioWebhookRoute: `planner` is required (the result of createPlanner).");
  const gateway = planner.deps.composio;
  const secret = gateway?.webhookSecret;
  const problem = !gateway
    ? "createComposioWebhookRoute: the planner has no Composio gateway. Pass `composio: createComposioGateway({ … })` to createPlanner (COMPOSIO_API_KEY and COMPOSIO_WEBHOOK_SECRET in the host's env)."
    : typeof secret !== "string" || secret.length === 0
      ? "createComposioWebhookRoute: the Composio gateway has no webhook secret. Pass `webhookSecret` (from Composio's webhook subscription, COMPOSIO_WEBHOOK_SECRET in the host's env) to createComposioGateway."
      : null;
  if (problem !== null || typeof secret !== "string") return notConfigured(problem ?? "", planner.deps.logger);
  const webhookSecret: string = secret;
  const toleranceSec = options.toleranceSeconds ?? 300;
  const { deps } = planner;

  async function POST(req: Request): Promise<Response> {
    // The signature headers are checked before the body is read: a request without them costs no body.
    const id = req.headers.get("webhook-id");
    const timestamp = req.headers.get("webhook-timestamp");
    const signature = req.headers.get("webhook-signature");
    if (!id || !timestamp || !signature) return json(401, { error: "Missing webhook signature headers." });
    const body = await readBodyWithin(req, MAX_WEBHOOK_BYTES);
    if (!body) return json(413, { error: "The webhook body is larger than 1 MiB." });
    const rawBody = new TextDecoder().decode(body);
    try {
      const receipt = await receiveComposioDelivery(deps, { id, timestamp, signature, rawBody }, { secret: webhookSecret, toleranceSec });
      if (receipt.kind === "refused") return json(401, { error: "Invalid webhook signature." });
      if (receipt.kind === "malformed") return json(400, { error: receipt.message });
      const { outcome, runId } = receipt;
      return json(200, { status: outcome, ...(runId ? { runId } : {}) });
    } catch (error) {
      const fault = storageFaultOf(error);
      if (fault) {
        // Never 200: the delivery was not recorded, so Composio must retry it (same webhook-id, same run id).
        deps.logger.error("composio webhook: storage fault, the delivery will be retried", {
          webhookId: id,
          kind: fault.kind,
          status: fault.status,
          ...(fault.detail ? { detail: fault.detail } : {}),
          error: describeError(fault.cause),
        });
        const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
        return json(fault.status, { error: fault.message, storageFault: fault.kind }, headers);
      }
      // Logged and answered under one error id, so a failed delivery in Composio's log can be found in ours.
      const errorId = errorIdOf(isInstance(error, Error) ? error : new Error(describeError(error)));
      deps.logger.error("composio webhook: could not handle a delivery", { errorId, webhookId: id, error: describeError(error) });
      // 500 makes Composio retry with the same webhook-id; the dedupe record keeps the retry from running twice.
      return json(500, { error: `The event could not be handled (error ${errorId}); it will be retried.`, errorId });
    }
  }
  return { POST };
}
