/**
 * The demo's own routes (simulate an event, switch faults) change what the demo does and have no login, so they
 * only take requests from the demo's own pages: a browser says where a request comes from (`Origin`,
 * `Sec-Fetch-Site`), and a request from another site — a form or a `fetch` on a page elsewhere — is refused.
 * A state-changing request that says nothing about its origin (curl) must send `Origin: http://<host>`, and
 * every state-changing request must be `application/json`: a page elsewhere can send `text/plain` (or a form)
 * without asking the browser first, never JSON, so this holds even for a browser that sends neither header.
 *
 * Answers the refusal, or null when the request may go on.
 */
export function refuseCrossOrigin(req: Request): Response | null {
  const host = req.headers.get("host");
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  const safe = req.method === "GET" || req.method === "HEAD";
  let refused: string | null = null;
  if (site !== null && site !== "same-origin" && !(safe && site === "none")) {
    refused = "The demo's controls only take requests from the demo's own page.";
  } else if (origin !== null && hostOf(origin) !== host) {
    refused = "The demo's controls only take requests from the demo's own page.";
  } else if (!safe && origin === null && site === null) {
    refused = `Send this request from the demo's page, or with an Origin header naming it (Origin: http://${host ?? "localhost:3000"}).`;
  }
  if (refused) return Response.json({ message: refused }, { status: 403, headers: { "cache-control": "no-store" } });
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (!safe && type !== "application/json") {
    return Response.json({ message: "Send the body as JSON (content-type: application/json)." }, { status: 415, headers: { "cache-control": "no-store" } });
  }
  return null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
