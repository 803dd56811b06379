import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The fetch-API conversion a framework puts in front of a route handler, as the webhook bench serves every handler
 * it compares (the planner's route, the bare route, the minimal durable receiver): the Node request as a fetch
 * `Request` (body read whole, headers copied), the handler's `Response` written back. One conversion for all of
 * them, so what differs between two rows is the handler alone.
 */
export async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

/** Writes a fetch `Response` to the Node response. */
export async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}
