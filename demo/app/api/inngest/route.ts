import { createInngestRoute } from "agent-planner/inngest";
import { demo, planner } from "@/lib/planner";

type Handler = (req: Request) => Promise<Response>;

const notConfigured: Handler = () =>
  Promise.resolve(
    new Response("Inngest is not configured: set INNGEST_SIGNING_KEY and INNGEST_SERVE_ORIGIN (and INNGEST_EVENT_KEY) to run the planner on Inngest. This demo runs jobs in-process.\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    }),
  );

const route: { GET: Handler; POST: Handler; PUT: Handler } = demo.config.inngest
  ? createInngestRoute({ planner, ...(demo.config.inngest.serveOrigin ? { serveOrigin: demo.config.inngest.serveOrigin } : {}) })
  : { GET: notConfigured, POST: notConfigured, PUT: notConfigured };

export const { GET, POST, PUT } = route;
