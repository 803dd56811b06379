import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createComposioGateway, type ComposioGateway } from "../../src/server/composio";
import { InvalidInputError, NotFoundError, UpstreamError } from "../../src/server/errors";
import { PlannerConfigError } from "../../src/server/planner";
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";
import triggerTypesFixture from "../../src/sandbox/fixtures/trigger-types.json";

const API_KEY = "sandbox-api-key-1234";
const SECRET = "whsec_gateway-test-secret";

let sandbox: ComposioSandbox;
let fetchSpy: MockInstance<typeof fetch>;
const signalListeners = () => ["SIGINT", "SIGTERM", "beforeExit"].map((s) => process.listenerCount(s));
let listenersBefore: number[];

function gatewayFor(overrides: Partial<Parameters<typeof createComposioGateway>[0]> = {}): ComposioGateway {
  return createComposioGateway({ apiKey: API_KEY, baseURL: sandbox.url, webhookSecret: SECRET, ...overrides });
}

beforeAll(async () => {
  // Installed before any SDK client exists: the HTTP client captures `fetch` when it is built.
  fetchSpy = vi.spyOn(globalThis, "fetch");
  listenersBefore = signalListeners();
  sandbox = await startComposioSandbox({
    apiKey: API_KEY,
    seed: {
      "demo-user": [{ toolkit: "gmail" }, { toolkit: "slack" }, { toolkit: "outlook", status: "EXPIRED", statusReason: "OAuth refresh token expired" }],
      "two-gmail-user": [{ toolkit: "gmail" }, { toolkit: "gmail", id: "ca_secondGmail01" }],
      "other-user": [{ toolkit: "gmail", id: "ca_otherUsers001" }],
    },
  });
});

afterAll(async () => {
  await sandbox.close();
  fetchSpy.mockRestore();
});

beforeEach(() => {
  sandbox.state.requests.length = 0;
});

describe("createComposioGateway options", () => {
  it("refuses to start without an API key or a webhook secret, without echoing either", () => {
    expect(() => createComposioGateway({ apiKey: "", webhookSecret: SECRET })).toThrow(PlannerConfigError);
    expect(() => createComposioGateway({ apiKey: " ", webhookSecret: SECRET })).toThrow("`apiKey` is required");
    expect(() => createComposioGateway({ apiKey: API_KEY, webhookSecret: "" })).toThrow("`webhookSecret` is required");
    expect(() => createComposioGateway({ apiKey: API_KEY, webhookSecret: SECRET, baseURL: "ftp://x" })).toThrow("`baseURL` must be an http(s) URL");
    expect(() => createComposioGateway({ apiKey: API_KEY, webhookSecret: SECRET, baseURL: "https://user:pw@host" })).toThrow("without credentials");
    expect(() => createComposioGateway({ apiKey: API_KEY, webhookSecret: SECRET, cacheTtlMs: -1 })).toThrow("`cacheTtlMs`");
    try {
      createComposioGateway({ apiKey: API_KEY, webhookSecret: "" });
    } catch (error) {
      expect(String(error)).not.toContain(API_KEY);
    }
  });

  it("exposes the webhook secret and contacts nothing while being built", () => {
    const calls = fetchSpy.mock.calls.length;
    const gateway = gatewayFor();
    expect(gateway.webhookSecret).toBe(SECRET);
    expect(JSON.stringify(gateway)).not.toContain(SECRET);
    expect(Object.keys(gateway)).not.toContain("webhookSecret");
    expect(fetchSpy.mock.calls.length).toBe(calls);
    expect(sandbox.state.requestCount()).toBe(0);
  });
});

describe("catalog", () => {
  it("lists toolkits with logo, description, categories and trigger count", async () => {
    const toolkits = await gatewayFor().listToolkits();
    expect(toolkits.map((t) => t.slug).sort()).toEqual(["github", "gmail", "googlecalendar", "hubspot", "linear", "notion", "outlook", "slack"]);
    // People's names, not Composio's slug-like ones ("Googlecalendar", "Hubspot").
    expect(Object.fromEntries(toolkits.map((t) => [t.slug, t.name]))).toMatchObject({ googlecalendar: "Google Calendar", hubspot: "HubSpot", github: "GitHub" });
    expect(toolkits.find((t) => t.slug === "gmail")).toEqual({
      slug: "gmail",
      name: "Gmail",
      logo: "https://logos.composio.dev/api/gmail",
      description: expect.stringContaining("Gmail is Google") as string,
      categories: ["collaboration & communication"],
      triggerCount: 1,
    });
    expect(sandbox.state.requests.map((r) => `${r.method} ${r.path}${r.query}`)).toEqual(["GET /api/v3.1/toolkits?sort_by=usage&limit=1000"]);
  });

  it("pages through a toolkit's trigger types", async () => {
    const gateway = gatewayFor();
    const first = await gateway.listTriggerTypes("slack", { limit: 1 });
    expect(first.items.map((t) => t.slug)).toEqual(["SLACK_RECEIVE_MESSAGE"]);
    expect(first.totalPages).toBe(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await gateway.listTriggerTypes("slack", { limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((t) => t.slug)).toEqual(["SLACK_CHANNEL_MESSAGE_RECEIVED"]);
    expect(second.nextCursor).toBeNull();
    expect((await gateway.listTriggerTypes("github")).items.map((t) => t.slug)).toEqual(["GITHUB_PULL_REQUEST_EVENT", "GITHUB_ISSUE_ADDED_EVENT"]);
    expect(await gateway.listTriggerTypes("no-such-app")).toEqual({ items: [], nextCursor: null, totalPages: 1 });
    expect(sandbox.state.requests[0]?.query).toBe("?toolkit_slugs=slack&limit=1&toolkit_versions=latest");
  });

  it("gets one trigger type with its config and payload JSON Schemas", async () => {
    const type = await gatewayFor().getTriggerType("GMAIL_NEW_GMAIL_MESSAGE");
    const fixture = triggerTypesFixture.find((t) => t.slug === "GMAIL_NEW_GMAIL_MESSAGE");
    expect(type).toEqual({
      slug: "GMAIL_NEW_GMAIL_MESSAGE",
      name: "New Gmail message",
      description: "Triggers when a new message is received in Gmail.",
      instructions: expect.stringMatching(/^\*\*Instructions for Setting Up the Trigger:\*\*\n\n- Ensure/) as string,
      toolkit: "gmail",
      logo: "https://logos.composio.dev/api/gmail",
      type: "poll",
      config: fixture?.config,
      payload: fixture?.payload,
      version: "20251222_02",
    });
    expect((await gatewayFor().getTriggerType("SLACK_RECEIVE_MESSAGE")).type).toBe("webhook");
  });

  it("answers NotFoundError for an unknown trigger type (Composio says 400)", async () => {
    const error = await gatewayFor()
      .getTriggerType("GMAIL_X")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("Composio has no trigger type GMAIL_X.");
    expect(sandbox.state.requests.at(-1)?.status).toBe(400);
  });
});

describe("cache", () => {
  it("serves catalog reads from memory within the TTL and asks again after it", async () => {
    let now = new Date("2026-11-28T10:00:00Z").getTime();
    const gateway = gatewayFor({ cacheTtlMs: 60_000, clock: () => new Date(now) });
    await gateway.listToolkits();
    await gateway.listToolkits();
    await gateway.getTriggerType("GMAIL_NEW_GMAIL_MESSAGE");
    await gateway.getTriggerType("GMAIL_NEW_GMAIL_MESSAGE");
    await gateway.listTriggerTypes("slack");
    await gateway.listTriggerTypes("slack");
    // Listing a toolkit's types also caches each type.
    await gateway.getTriggerType("SLACK_RECEIVE_MESSAGE");
    expect(sandbox.state.requestCount("/api/v3.1/toolkits")).toBe(1);
    expect(sandbox.state.requestCount("/api/v3.1/triggers_types/")).toBe(1);
    expect(sandbox.state.requestCount(/^GET \/api\/v3\.1\/triggers_types$/)).toBe(1);

    now += 59_000;
    await gateway.listToolkits();
    expect(sandbox.state.requestCount("/api/v3.1/toolkits")).toBe(1);
    now += 2_000;
    await gateway.listToolkits();
    await gateway.getTriggerType("GMAIL_NEW_GMAIL_MESSAGE");
    await gateway.listTriggerTypes("slack");
    expect(sandbox.state.requestCount("/api/v3.1/toolkits")).toBe(2);
    expect(sandbox.state.requestCount("/api/v3.1/triggers_types/")).toBe(2);
    expect(sandbox.state.requestCount(/^GET \/api\/v3\.1\/triggers_types$/)).toBe(2);
  });

  it("shares one request between concurrent callers, hands out copies, and keeps caches per gateway", async () => {
    const gateway = gatewayFor();
    const [a, b] = await Promise.all([gateway.getTriggerType("GITHUB_PULL_REQUEST_EVENT"), gateway.getTriggerType("GITHUB_PULL_REQUEST_EVENT")]);
    expect(sandbox.state.requestCount("/api/v3.1/triggers_types/")).toBe(1);
    a.config.mutated = true;
    expect(b.config.mutated).toBeUndefined();
    expect((await gateway.getTriggerType("GITHUB_PULL_REQUEST_EVENT")).config.mutated).toBeUndefined();
    await gatewayFor().getTriggerType("GITHUB_PULL_REQUEST_EVENT");
    expect(sandbox.state.requestCount("/api/v3.1/triggers_types/")).toBe(2);
  });

  it("does not cache failures", async () => {
    const gateway = gatewayFor();
    await expect(gateway.getTriggerType("NOPE_TRIGGER")).rejects.toBeInstanceOf(NotFoundError);
    await expect(gateway.getTriggerType("NOPE_TRIGGER")).rejects.toBeInstanceOf(NotFoundError);
    expect(sandbox.state.requestCount("/api/v3.1/triggers_types/")).toBe(2);
  });
});

describe("connected accounts", () => {
  it("lists the user's accounts for a toolkit, active first", async () => {
    const gateway = gatewayFor();
    const gmail = await gateway.listConnectedAccounts("demo-user", "gmail");
    // The label is the account's alias (what people know it by), never its id.
    expect(gmail).toEqual([{ id: expect.stringMatching(/^ca_[A-Za-z0-9]{12}$/) as string, toolkit: "gmail", status: "ACTIVE", label: "demo-user@example.com", createdAt: expect.any(String) as string }]);
    expect(await gateway.listConnectedAccounts("demo-user", "outlook")).toEqual([
      expect.objectContaining({ toolkit: "outlook", status: "EXPIRED", statusReason: "OAuth refresh token expired" }),
    ]);
    expect(await gateway.listConnectedAccounts("demo-user", "github")).toEqual([]);
    expect(await gateway.listConnectedAccounts("nobody", "gmail")).toEqual([]);
    expect(sandbox.state.requests[0]?.query).toBe("?limit=100&toolkit_slugs=gmail&user_ids=demo-user");
  });
});

describe("identifiers sent to Composio (comma injection)", () => {
  it("the sandbox splits comma lists like Composio, so an unchecked id would widen the query", async () => {
    const res = await fetch(`${sandbox.url}/api/v3.1/connected_accounts?user_ids=nobody,demo-user&toolkit_slugs=gmail,slack`, { headers: { "x-api-key": API_KEY } });
    const body = (await res.json()) as { items: { user_id: string; toolkit: { slug: string } }[] };
    expect(body.items.map((a) => `${a.user_id}:${a.toolkit.slug}`).sort()).toEqual(["demo-user:gmail", "demo-user:slack"]);
  });

  it("refuses a user id with a comma: nobody sees or attaches demo-user's accounts", async () => {
    const gateway = gatewayFor();
    const before = sandbox.state.instances.size;
    for (const userId of ["nobody,demo-user", "other-user,demo-user", " demo-user", "demo-user\n", "nobody demo-user"]) {
      const listed = gateway.listConnectedAccounts(userId, "gmail");
      await expect(listed).rejects.toBeInstanceOf(InvalidInputError);
      await expect(listed).rejects.toThrow("This user id cannot be used with Composio: it contains a comma, whitespace or a control character");
      await expect(gateway.createTrigger({ userId, slug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} })).rejects.toThrow("This user id cannot be used with Composio");
    }
    expect(sandbox.state.requestCount("/api/v3.1/connected_accounts")).toBe(0);
    expect(sandbox.state.requestCount(/upsert/)).toBe(0);
    expect(sandbox.state.instances.size).toBe(before);
  });

  it("refuses app, event, account and instance names that are not plain Composio names", async () => {
    const gateway = gatewayFor();
    await expect(gateway.listConnectedAccounts("other-user", "gmail,slack")).rejects.toThrow('"gmail,slack" is not a Composio app name: only letters, digits, "_" and "-" are allowed.');
    await expect(gateway.listTriggerTypes("gmail,slack")).rejects.toBeInstanceOf(InvalidInputError);
    await expect(gateway.getTriggerType("GMAIL_NEW_GMAIL_MESSAGE,SLACK_RECEIVE_MESSAGE")).rejects.toThrow("is not a Composio event name");
    await expect(gateway.getTriggerType("../toolkits")).rejects.toThrow("is not a Composio event name");
    await expect(
      gateway.createTrigger({ userId: "other-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_otherUsers001,ca_x", config: {} }),
    ).rejects.toThrow("is not a Composio connected account name");
    await expect(gateway.disableTrigger("ti_a,ti_b")).rejects.toThrow("is not a Composio trigger instance name");
    await expect(gateway.deleteTrigger("ti_a/../x")).rejects.toThrow("is not a Composio trigger instance name");
    expect(sandbox.state.requestCount()).toBe(0);
    // A well-formed call still works: the other user sees only their own account.
    expect((await gateway.listConnectedAccounts("other-user", "gmail")).map((a) => a.id)).toEqual(["ca_otherUsers001"]);
  });
});

describe("trigger instances", () => {
  it("creates an instance and upserts: the same settings give the same id, other settings a new one", async () => {
    const gateway = gatewayFor();
    const [account] = await gateway.listConnectedAccounts("demo-user", "gmail");
    const first = await gateway.createTrigger({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: account?.id, config: { labelIds: "INBOX" } });
    expect(first).toEqual({ triggerId: expect.stringMatching(/^ti_[A-Za-z0-9]{12}$/) as string, connectedAccountId: account?.id });
    const again = await gateway.createTrigger({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: account?.id, config: { labelIds: "INBOX" } });
    expect(again.triggerId).toBe(first.triggerId);
    // Without an account id the user's only active Gmail account is used; defaults make {} equal to the above.
    const implicit = await gateway.createTrigger({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} });
    expect(implicit).toEqual(first);
    const other = await gateway.createTrigger({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", config: { labelIds: "STARRED" } });
    expect(other.triggerId).not.toBe(first.triggerId);

    const instance = sandbox.state.instances.get(first.triggerId);
    expect(instance).toMatchObject({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: account?.id, enabled: true });
    expect(instance?.config).toEqual({ labelIds: "INBOX", interval: 1, query: "", userId: "me" });
    expect(sandbox.state.requestCount("/api/v3.1/trigger_instances/GMAIL_NEW_GMAIL_MESSAGE/upsert")).toBe(4);
  });

  it("explains what to do when the user has no usable account", async () => {
    const gateway = gatewayFor();
    const none = await gateway.createTrigger({ userId: "nobody", slug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(InvalidInputError);
    expect(none).toMatchObject({
      message: "No connected Gmail account for this user — connect Gmail first.",
      fieldErrors: [{ path: "source.connectedAccountId", message: "Connect Gmail first." }],
    });
    const expired = await gateway.createTrigger({ userId: "demo-user", slug: "OUTLOOK_OUTLOOK_MESSAGE_TRIGGER", config: {} }).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(InvalidInputError);
    expect((expired as Error).message).toMatch(/^The Outlook connection ca_\w+ is expired — reconnect Outlook first\.$/);
    // Someone else's account is refused here; Composio would not check it without two-factor auth.
    await expect(gateway.createTrigger({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_otherUsers001", config: {} })).rejects.toThrow(
      "The Gmail account ca_otherUsers001 is not connected for this user",
    );
    await expect(gateway.createTrigger({ userId: "two-gmail-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} })).rejects.toThrow(
      "This user has 2 connected Gmail accounts — choose which one the trigger listens to.",
    );
    await expect(gateway.createTrigger({ userId: "demo-user", slug: "GMAIL_X", config: {} })).rejects.toThrow(new NotFoundError("Composio has no trigger type GMAIL_X."));
    expect(sandbox.state.requestCount("/api/v3.1/trigger_instances/")).toBe(0);
  });

  it("turns Composio's refusal of the settings into an InvalidInputError", async () => {
    const error = await gatewayFor()
      .createTrigger({ userId: "demo-user", slug: "GMAIL_NEW_GMAIL_MESSAGE", config: { interval: "often" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe("Composio refused the Gmail trigger settings: Invalid trigger config for GMAIL_NEW_GMAIL_MESSAGE: /interval must be number");
  });

  it("disables, enables and deletes an instance; deleting it again is fine", async () => {
    const gateway = gatewayFor();
    const { triggerId } = await gateway.createTrigger({ userId: "demo-user", slug: "SLACK_RECEIVE_MESSAGE", config: {} });
    await gateway.disableTrigger(triggerId);
    expect(sandbox.state.instances.get(triggerId)).toMatchObject({ enabled: false, disabledAt: expect.any(String) as string });
    await gateway.enableTrigger(triggerId);
    expect(sandbox.state.instances.get(triggerId)).toMatchObject({ enabled: true, disabledAt: null });
    await gateway.deleteTrigger(triggerId);
    expect(sandbox.state.instances.has(triggerId)).toBe(false);
    await expect(gateway.deleteTrigger(triggerId)).resolves.toBeUndefined();
    expect(sandbox.state.requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([200, 404]);
    await expect(gateway.enableTrigger(triggerId)).rejects.toThrow(new NotFoundError(`Composio has no trigger instance ${triggerId}. It may have been deleted; save the trigger again to recreate it.`));
    await expect(gateway.disableTrigger(triggerId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("failures", () => {
  it("reports a wrong API key as UpstreamError without revealing it", async () => {
    const gateway = createComposioGateway({ apiKey: "wrong-key-5678", baseURL: sandbox.url, webhookSecret: SECRET });
    const error = await gateway.listToolkits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe("Composio rejected the API key (HTTP 401). Check the Composio API key the planner is configured with.");
    await expect(gateway.getTriggerType("GMAIL_NEW_GMAIL_MESSAGE")).rejects.toThrow("Composio rejected the API key");
    await expect(gateway.deleteTrigger("ti_whatever00000")).rejects.toThrow("Composio rejected the API key");
    expect(sandbox.state.requests.map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it("reports an unreachable Composio as UpstreamError", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gateway = createComposioGateway({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}`, webhookSecret: SECRET });
    const error = await gateway.listToolkits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe(
      "Could not reach Composio. Check the server's network connection and the Composio baseURL the planner is configured with.",
    );
  });

  it("gives up after its timeout with a clear message", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const gateway = createComposioGateway({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}`, webhookSecret: SECRET, timeoutMs: 200 });
      await expect(gateway.getTriggerType("GMAIL_NEW_GMAIL_MESSAGE")).rejects.toThrow(new UpstreamError("Composio did not answer within 200 ms. Try again in a moment."));
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe("offline safety", () => {
  it("only ever contacted the sandbox and installed no process signal handlers", () => {
    const urls = fetchSpy.mock.calls.map(([input]) => String(input instanceof Request ? input.url : input));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith("http://127.0.0.1:")).toBe(true);
    expect(signalListeners()).toEqual(listenersBefore);
  });
});
