import { logoSvg } from "@/lib/logos";

/** `GET /api/demo/logos/gmail.svg`: the local toolkit logo the demo's sandbox hands out (see lib/logos.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const slug = file.replace(/\.svg$/, "");
  if (!/^[a-z0-9_-]{1,64}$/.test(slug)) return new Response("Unknown logo.", { status: 404 });
  return new Response(logoSvg(slug), {
    headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" },
  });
}
