import http from "node:http";
import https from "node:https";
import { signComposioWebhook } from "./sign";
import type { DeliveryRecord } from "./state";

export interface DelivererOptions {
  /** Waits between attempts; one more attempt than entries. */
  retryDelaysMs: readonly number[];
  /** How long one attempt may take. */
  timeoutMs: number;
  clock: () => Date;
}

/**
 * Posts signed deliveries like Composio: the same `webhook-id` and body on every attempt, a fresh
 * `webhook-timestamp` and signature per attempt, retries with backoff on anything but a 2xx.
 */
export class Deliverer {
  private closed = false;
  private readonly waits = new Set<() => void>();
  private readonly inFlight = new Set<http.ClientRequest>();

  constructor(private readonly options: DelivererOptions) {}

  async deliver(record: DeliveryRecord, secret: string): Promise<DeliveryRecord> {
    const url = new URL(record.url);
    const delays = this.options.retryDelaysMs;
    for (let attempt = 0; attempt <= delays.length && !this.closed; attempt++) {
      const at = this.options.clock();
      const timestamp = String(Math.floor(at.getTime() / 1000));
      const signature = signComposioWebhook({ id: record.webhookId, timestamp, body: record.body, secret });
      const headers = {
        "content-type": "application/json",
        "user-agent": "composio-sandbox",
        "webhook-id": record.webhookId,
        "webhook-timestamp": timestamp,
        "webhook-signature": signature,
      };
      try {
        const status = await this.post(url, headers, record.body);
        record.attempts.push({ at: at.toISOString(), timestamp, status });
        if (status >= 200 && status < 300) {
          record.delivered = true;
          return record;
        }
      } catch (error) {
        record.attempts.push({ at: at.toISOString(), timestamp, status: null, error: error instanceof Error ? error.message : String(error) });
      }
      const delay = delays[attempt];
      if (delay !== undefined) await this.wait(delay);
    }
    return record;
  }

  /** Stops retrying and aborts attempts in flight; pending deliveries resolve as undelivered. */
  close(): void {
    this.closed = true;
    for (const wake of this.waits) wake();
    for (const request of this.inFlight) request.destroy(new Error("sandbox closed"));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }

  private post(url: URL, headers: Record<string, string>, body: string): Promise<number> {
    const client = url.protocol === "https:" ? https : http;
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      // A fresh connection per attempt (no keep-alive), so receivers in tests close without waiting.
      const request = client.request(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent: false, timeout: timeoutMs }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      });
      this.inFlight.add(request);
      request.on("close", () => this.inFlight.delete(request));
      request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on("error", reject);
      request.end(body);
    });
  }
}
