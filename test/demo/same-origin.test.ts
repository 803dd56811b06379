import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { refuseCrossOrigin } from "../../demo/lib/same-origin";

const HOST = "localhost:3000";

function post(headers: Record<string, string>, method = "POST"): Request {
  return new Request(`http://${HOST}/api/demo/simulate`, { method, headers: { host: HOST, ...headers }, ...(method === "POST" ? { body: '{"triggerId":"t"}' } : {}) });
}

function status(req: Request): number | null {
  const refused = refuseCrossOrigin(req);
  return refused ? refused.status : null;
}

describe("demo routes refuse cross-site requests (simulate, faults)", () => {
  it("takes a JSON POST from the demo's own page", () => {
    expect(status(post({ origin: `http://${HOST}`, "sec-fetch-site": "same-origin", "content-type": "application/json" }))).toBeNull();
    // curl with an Origin naming the demo.
    expect(status(post({ origin: `http://${HOST}`, "content-type": "application/json; charset=utf-8" }))).toBeNull();
  });

  it("refuses a cross-site POST, JSON or text/plain, by Sec-Fetch-Site or by Origin", () => {
    expect(status(post({ origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" }))).toBe(403);
    expect(status(post({ origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/json" }))).toBe(403);
    expect(status(post({ "sec-fetch-site": "same-site", "content-type": "application/json" }))).toBe(403);
    // A browser without Fetch Metadata still sends Origin on a cross-site POST.
    expect(status(post({ origin: "https://evil.example", "content-type": "text/plain" }))).toBe(403);
    expect(status(post({ origin: "null", "content-type": "text/plain" }))).toBe(403);
    // Another port on the same machine is another origin.
    expect(status(post({ origin: "http://localhost:4000", "content-type": "application/json" }))).toBe(403);
  });

  it("refuses a POST that names no origin at all, and a text/plain or form POST even from the demo's origin", () => {
    expect(status(post({ "content-type": "application/json" }))).toBe(403);
    expect(status(post({ origin: `http://${HOST}`, "sec-fetch-site": "same-origin", "content-type": "text/plain" }))).toBe(415);
    expect(status(post({ origin: `http://${HOST}`, "content-type": "application/x-www-form-urlencoded" }))).toBe(415);
    expect(status(post({ origin: `http://${HOST}` }))).toBe(415);
  });

  it("lets a GET through from the address bar but not from another site", () => {
    expect(status(post({ "sec-fetch-site": "none" }, "GET"))).toBeNull();
    expect(status(post({}, "GET"))).toBeNull();
    expect(status(post({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }, "GET"))).toBe(403);
  });

  it("every state-changing demo route checks first", () => {
    for (const route of ["simulate", "faults"]) {
      const source = readFileSync(new URL(`../../demo/app/api/demo/${route}/route.ts`, import.meta.url), "utf8");
      const post = source.slice(source.indexOf("export async function POST"));
      expect(post.indexOf("refuseCrossOrigin(req)"), route).toBeGreaterThan(-1);
      expect(post.indexOf("refuseCrossOrigin(req)"), route).toBeLessThan(post.indexOf("req.json()"));
    }
  });
});
