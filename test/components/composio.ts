import http from "node:http";
import type { AddressInfo } from "node:net";
import { createComposioGateway, type ComposioGateway } from "../../src/server/composio";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import type { Planner } from "../../src/server/planner";
import { startComposioSandbox, type ComposioSandbox, type SandboxSeed } from "../../src/sandbox";

const API_KEY = "sandbox-key-components";
const SECRET = "whsec_components_test";

/** user-1 has a Gmail and a Slack account; nobody has GitHub. */
export const DEFAULT_COMPOSIO_SEED: SandboxSeed = {
  "user-1": [
    { toolkit: "gmail", id: "ca_user1gmail0001" },
    { toolkit: "slack", id: "ca_user1slack0001" },
  ],
};

export interface TestComposio {
  sandbox: ComposioSandbox;
  /** A real gateway (the @composio/core SDK) against the sandbox. */
  gateway(): ComposioGateway;
  /** Routes the sandbox's signed webhooks to this planner's webhook route and its clock. */
  attach(planner: Planner, clock: () => Date): void;
  close(): Promise<void>;
}

/**
 * The local Composio double plus a receiver that hands its webhooks to the planner under test. Start it
 * once per file (`beforeAll`) and pass it to `renderWithPlanner({ composio })`.
 *
 * @example
 * ```ts
 * let composio: TestComposio;
 * beforeAll(async () => { composio = await startTestComposio(); });
 * afterAll(() => composio.close());
 * ```
 */
export async function startTestComposio(seed: SandboxSeed = DEFAULT_COMPOSIO_SEED): Promise<TestComposio> {
  let route: ((req: Request) => Promise<Response>) | null = null;
  let clock: () => Date = () => new Date();
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
        body: Buffer.concat(chunks),
      });
      void (route ? route(request) : Promise.resolve(new Response("no planner attached", { status: 503 }))).then(async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" });
        res.end(await response.text());
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  const sandbox = await startComposioSandbox({
    apiKey: API_KEY,
    seed,
    webhook: { url: `http://127.0.0.1:${port}/webhook`, secret: SECRET },
    retryDelaysMs: [5, 5],
    clock: () => clock(),
  });
  return {
    sandbox,
    gateway: () => createComposioGateway({ apiKey: API_KEY, baseURL: sandbox.url, webhookSecret: SECRET }),
    attach(planner, plannerClock) {
      route = createComposioWebhookRoute({ planner }).POST;
      clock = plannerClock;
    },
    async close() {
      await sandbox.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}
