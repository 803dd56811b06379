import {
  consoleLogger,
  createComposioGateway,
  createPlanner,
  fileStore,
  MAX_JOBS_PER_AGENT_BOUND,
  MAX_TRIGGERS_PER_AGENT_BOUND,
  PermanentError,
  type ComposioGateway,
  type Planner,
  type PlannerStore,
} from "agent-planner/server";
import { createInngestClient } from "agent-planner/inngest";
import { demoAuth, demoCanAccessAgent, demoCatalog } from "./catalog";
import { demoConfigFromEnv, describeModes, type DemoConfig } from "./config";
import { createFaultSwitch, withFaults, type FaultSwitch } from "./faults";
import { createDemoHost, type DemoHost } from "./host";
import { createDemoSandbox, restoreSandboxInstances, type DemoSandbox } from "./sandbox";

/** Everything the demo server holds: one per process. */
export interface Demo {
  config: DemoConfig;
  planner: Planner;
  store: PlannerStore;
  host: DemoHost;
  /** Demo only: the executors' fault modes (see lib/faults.ts), switched from the Fault modes panel. */
  faults: FaultSwitch;
  /** The local Composio sandbox, when no Composio key is configured. */
  sandbox: DemoSandbox | null;
  /** Starts the sandbox and the in-process scheduler, prints the modes. Idempotent. */
  start(): Promise<void>;
  /** Stops the scheduler (waits for runs in progress) and the sandbox. Idempotent. */
  stop(): Promise<void>;
}

function createDemo(): Demo {
  // The environment is read here, in the demo, and nowhere in the package.
  const config = demoConfigFromEnv(process.env, process.cwd());
  const host = createDemoHost({ dataDir: config.dataDir });
  const sandbox =
    config.composio.kind === "sandbox"
      ? createDemoSandbox({ apiKey: config.composio.apiKey, webhookSecret: config.composio.webhookSecret, webhookUrl: config.webhookUrl })
      : null;
  let composio: ComposioGateway;
  if (sandbox) composio = sandbox.gateway;
  else {
    const real = config.composio as Extract<DemoConfig["composio"], { kind: "composio" }>;
    composio = createComposioGateway({ apiKey: real.apiKey, webhookSecret: real.webhookSecret, ...(real.baseURL ? { baseURL: real.baseURL } : {}) });
  }
  const store = fileStore({ dir: config.dataDir });
  const faults = createFaultSwitch();
  // `planner` is assigned below; the faulty executors only report a run's end after the planner exists.
  const complete = (...args: Parameters<Planner["completeRun"]>) => planner.completeRun(...args);
  const planner: Planner = createPlanner({
    store,
    auth: demoAuth,
    canAccessAgent: demoCanAccessAgent,
    executors: withFaults(host.executors, faults, { complete, permanent: (message) => new PermanentError(message) }),
    catalog: demoCatalog,
    composio,
    // The documented upper bounds, so the demo (and bench/panel.ts) can show the panel at them.
    limits: { maxJobsPerAgent: MAX_JOBS_PER_AGENT_BOUND, maxTriggersPerAgent: MAX_TRIGGERS_PER_AGENT_BOUND },
    // Warnings and errors (an internal error under the id its answer shows, "errorId=err_…") and the scheduler's
    // start, stop and recovery, in the terminal that runs the demo.
    logger: consoleLogger({ level: "info" }),
    inngest: config.inngest
      ? { client: createInngestClient({ id: "agent-planner-demo", signingKey: config.inngest.signingKey, ...(config.inngest.eventKey ? { eventKey: config.inngest.eventKey } : {}) }) }
      : undefined,
  });

  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  return {
    config,
    planner,
    store,
    host,
    faults,
    sandbox,
    start() {
      starting ??= (async () => {
        let sandboxUrl: string | undefined;
        if (sandbox) {
          const running = await sandbox.ready();
          sandboxUrl = running.url;
          await restoreSandboxInstances(running, store);
        }
        await planner.start();
        const lines = describeModes(config, sandboxUrl ? { sandboxUrl } : {});
        console.log(["", "Agent Planner demo", ...lines.map((line) => `  ${line}`), `  open       http://localhost:${config.port}`, ""].join("\n"));
      })();
      return starting;
    },
    stop() {
      stopping ??= (async () => {
        await planner.stop();
        await sandbox?.close();
      })();
      return stopping;
    },
  };
}

// One demo (planner, scheduler, sandbox) per process: Next.js evaluates this module once per bundle (routes,
// instrumentation) and again on dev reloads, and every extra planner would run a scheduler of its own.
const globalForDemo = globalThis as typeof globalThis & { agentPlannerDemo?: Demo };
export const demo = (globalForDemo.agentPlannerDemo ??= createDemo());
export const planner = demo.planner;
