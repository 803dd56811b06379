import { DEMO_AGENT, DEMO_USER_ID } from "@/lib/catalog";
import { CHAT_FAULT_TEXT, SCHEDULER_FAULT_TEXT, WORKFLOW_FAULT_TEXT, isChatFault, isSchedulerFault, isWorkflowFault, type DemoConnection, type DemoFaultState, type SchedulerFault } from "@/lib/faults";
import { demo } from "@/lib/planner";
import { refuseCrossOrigin } from "@/lib/same-origin";
import { DEMO_SANDBOX_SEED } from "@/lib/sandbox";

export const dynamic = "force-dynamic";

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

const TOOLKITS = DEMO_SANDBOX_SEED[DEMO_USER_ID].map((seed) => seed.toolkit);

async function connections(): Promise<DemoConnection[] | null> {
  if (!demo.sandbox) return null;
  const { state } = await demo.sandbox.ready();
  const accounts = [...state.connectedAccounts.values()].filter((account) => account.userId === DEMO_USER_ID);
  return TOOLKITS.map((toolkit) => ({
    toolkit,
    name: state.toolkits.find((t) => t.slug === toolkit)?.name ?? toolkit,
    connected: accounts.some((account) => account.toolkit === toolkit && account.status === "ACTIVE"),
  }));
}

const globalForScheduler = globalThis as typeof globalThis & { agentPlannerDemoScheduler?: SchedulerFault };

async function current(message?: string): Promise<DemoFaultState> {
  return { ...demo.faults.get(), scheduler: globalForScheduler.agentPlannerDemoScheduler ?? "running", connections: await connections(), ...(message ? { message } : {}) };
}

/**
 * Stops the scheduler as if it had died 5 minutes ago (every enabled job's next run 5 minutes in the past, so the
 * planner shows them overdue), or starts it again (it catches up on them).
 */
async function setScheduler(mode: SchedulerFault): Promise<string> {
  globalForScheduler.agentPlannerDemoScheduler = mode;
  if (mode === "running") {
    await demo.planner.start();
    return "Scheduler: running. It catches up on the overdue jobs.";
  }
  await demo.planner.stop();
  const past = new Date(Date.now() - 5 * 60_000).toISOString();
  await demo.store.update(DEMO_AGENT.id, (planner) => ({
    ...planner,
    jobs: planner.jobs.map((job) => (job.enabled ? { ...job, state: { ...job.state, nextRunAt: past } } : job)),
  }));
  return `Scheduler: ${SCHEDULER_FAULT_TEXT.stopped.toLowerCase()}.`;
}

/** Demo only: the executors' fault modes and the demo user's connections. */
export async function GET(req: Request): Promise<Response> {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  return answer(200, { ...(await current()) });
}

/**
 * Demo only. Body: `{ chat }` or `{ workflow }` switches a fault mode (lib/faults.ts); `{ toolkit, connection:
 * "break" }` expires the demo user's account for that app in the sandbox, which tells the planner with
 * Composio's `composio.connected_account.expired` webhook; `{ toolkit, connection: "restore" }` connects the app
 * again (a new connected account, as after signing in again), to be picked with Reconnect on the trigger.
 */
export async function POST(req: Request): Promise<Response> {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  let body: { chat?: unknown; workflow?: unknown; toolkit?: unknown; connection?: unknown; scheduler?: unknown };
  try {
    body = (await req.json()) as typeof body;
  } catch {
    return answer(400, { message: 'The request body must be JSON: { chat }, { workflow } or { toolkit, connection: "break" | "restore" }.' });
  }
  if (body.scheduler !== undefined) {
    if (!isSchedulerFault(body.scheduler)) return answer(400, { message: `Unknown scheduler mode: ${JSON.stringify(body.scheduler)}.` });
    return answer(200, { ...(await current(await setScheduler(body.scheduler))) });
  }
  if (body.chat !== undefined || body.workflow !== undefined) {
    if (body.chat !== undefined && !isChatFault(body.chat)) return answer(400, { message: `Unknown chat fault: ${JSON.stringify(body.chat)}.` });
    if (body.workflow !== undefined && !isWorkflowFault(body.workflow)) return answer(400, { message: `Unknown workflow fault: ${JSON.stringify(body.workflow)}.` });
    const next = demo.faults.set({ ...(isChatFault(body.chat) ? { chat: body.chat } : {}), ...(isWorkflowFault(body.workflow) ? { workflow: body.workflow } : {}) });
    const parts = [
      isChatFault(body.chat) ? `Chats: ${CHAT_FAULT_TEXT[next.chat].toLowerCase()}.` : null,
      isWorkflowFault(body.workflow) ? `Workflow runs: ${WORKFLOW_FAULT_TEXT[next.workflow].toLowerCase()}.` : null,
    ];
    return answer(200, { ...(await current(parts.filter(Boolean).join(" "))) });
  }

  if (body.connection !== "break" && body.connection !== "restore") {
    return answer(400, { message: 'Say what to change: { chat }, { workflow } or { toolkit, connection: "break" | "restore" }.' });
  }
  if (!demo.sandbox) return answer(409, { message: "Breaking a connection needs the local Composio sandbox; this demo is connected to real Composio (COMPOSIO_API_KEY is set)." });
  if (typeof body.toolkit !== "string" || !TOOLKITS.includes(body.toolkit)) return answer(400, { message: `Choose one of the demo user's apps: ${TOOLKITS.join(", ")}.` });
  const toolkit = body.toolkit;
  const sandbox = await demo.sandbox.ready();
  const name = sandbox.state.toolkits.find((t) => t.slug === toolkit)?.name ?? toolkit;
  const active = [...sandbox.state.connectedAccounts.values()].filter((a) => a.userId === DEMO_USER_ID && a.toolkit === toolkit && a.status === "ACTIVE");

  if (body.connection === "break") {
    if (active.length === 0) return answer(200, { ...(await current(`${name} is not connected already.`)) });
    const failed: string[] = [];
    for (const account of active) {
      const result = await sandbox.expireConnectedAccount(account.id, "Demo: the connection was broken on purpose.");
      if (!result.delivered) failed.push(result.reason ?? "unknown reason");
    }
    const told = failed.length === 0 ? " Composio told the planner, so its triggers on this app now show a connection error." : ` Composio could not tell the planner: ${failed.join("; ")}.`;
    return answer(200, { ...(await current(`${name}'s connection expired.${told}`)) });
  }

  if (active.length > 0) return answer(200, { ...(await current(`${name} is connected already.`)) });
  const account = sandbox.state.addConnectedAccount(DEMO_USER_ID, { toolkit });
  return answer(200, {
    ...(await current(`${name} is connected again (a new connected account, ${account.id}). Triggers that lost the connection stay red until you use Reconnect on them and choose it.`)),
  });
}
