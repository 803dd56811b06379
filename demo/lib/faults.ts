import type { PlannerExecutors, RunCompletion } from "agent-planner/server";

/**
 * Demo only: switchable faults in the demo host's executors, so the planner's error states (failed runs, the
 * attention banner, red cards, success rates) can be seen and tested in the running demo, not only in Storybook.
 * Held in memory by the demo server; every fault is off when it starts.
 */
export const CHAT_FAULTS = ["none", "startThenFail", "startNoReport"] as const;
export const WORKFLOW_FAULTS = ["none", "fail", "missing"] as const;
export type ChatFault = (typeof CHAT_FAULTS)[number];
export type WorkflowFault = (typeof WORKFLOW_FAULTS)[number];

export interface DemoFaults {
  chat: ChatFault;
  workflow: WorkflowFault;
}

/** A connection the demo can break and restore: one of the demo user's apps in the local Composio sandbox. */
export interface DemoConnection {
  toolkit: string;
  name: string;
  connected: boolean;
}

/** What `/api/demo/faults` answers. */
/** Demo only: the in-process scheduler, running or stopped (its jobs' next runs moved 5 minutes into the past). */
export const SCHEDULER_FAULTS = ["running", "stopped"] as const;
export type SchedulerFault = (typeof SCHEDULER_FAULTS)[number];
export const SCHEDULER_FAULT_TEXT: Record<SchedulerFault, string> = {
  running: "Running",
  stopped: "Stopped 5 minutes ago (jobs fall overdue)",
};
export const isSchedulerFault = (value: unknown): value is SchedulerFault => SCHEDULER_FAULTS.includes(value as SchedulerFault);

export interface DemoFaultState extends DemoFaults {
  scheduler: SchedulerFault;
  /** Null when the demo talks to real Composio (nothing to break there). */
  connections: DemoConnection[] | null;
  /** What the last change did, in a sentence. */
  message?: string;
}

/** What each fault does, in the words the demo's Fault modes panel shows. */
export const CHAT_FAULT_TEXT: Record<ChatFault, string> = {
  none: "Work normally",
  startThenFail: "Start, then fail a moment later",
  startNoReport: "Start and never report the end",
};
export const WORKFLOW_FAULT_TEXT: Record<WorkflowFault, string> = {
  none: "Work normally",
  fail: "Fail on every attempt",
  missing: "Say the workflow no longer exists",
};

/** The sentences the faulty executors fail with. */
export const CHAT_FAILED_ERROR = "The model gateway answered 502 Bad Gateway while the agent was replying (demo fault: chats start, then fail).";
export const WORKFLOW_FAILED_ERROR = "The job board answered 503 Service Unavailable (demo fault: workflow runs fail).";
/** A configuration fault: no retry helps, the job must be edited (the planner shows it as invalid config). */
export const workflowMissingError = (workflowId: string) =>
  `The workflow ${workflowId} no longer exists in the host (demo fault: the workflow was deleted). Edit the job and choose another workflow.`;

export const isChatFault = (value: unknown): value is ChatFault => CHAT_FAULTS.includes(value as ChatFault);
export const isWorkflowFault = (value: unknown): value is WorkflowFault => WORKFLOW_FAULTS.includes(value as WorkflowFault);

export interface FaultSwitch {
  get(): DemoFaults;
  set(change: Partial<DemoFaults>): DemoFaults;
}

export function createFaultSwitch(): FaultSwitch {
  let current: DemoFaults = { chat: "none", workflow: "none" };
  return {
    get: () => ({ ...current }),
    set(change) {
      current = { ...current, ...change };
      return { ...current };
    },
  };
}

export interface FaultyExecutorOptions {
  /** Reports the end of a started run: `planner.completeRun` (late-bound: the planner is created after the executors). */
  complete: (runId: string, completion: RunCompletion) => Promise<unknown>;
  /** How long after "started" a chat that starts then fails reports its failure. Default 2 s. */
  failAfterMs?: number;
  log?: (message: string, error: unknown) => void;
  /** Makes the error the planner does not retry (`PermanentError` from agent-planner/server, a server-only import). */
  permanent?: (message: string) => Error;
}

/**
 * The host's executors with the switch's faults applied:
 * - chat `startThenFail`: the chat is written as usual, the executor answers `{ status: "started", threadId, url }`,
 *   and a moment later the demo reports `completeRun(runId, { status: "failed", error })` — as a host whose model
 *   call failed after the chat began;
 * - chat `startNoReport`: answers started and never reports, so the run stays running until it is cancelled or
 *   `limits.completionTimeoutMs` runs out;
 * - workflow `fail`: every attempt throws (retried by the planner, then the run fails with the sentence);
 * - workflow `missing`: the first attempt throws a permanent error saying the workflow no longer exists (not retried),
 *   as a host whose workflow was deleted after the job was saved.
 */
export function withFaults(executors: PlannerExecutors, faults: FaultSwitch, options: FaultyExecutorOptions): PlannerExecutors {
  const failAfterMs = options.failAfterMs ?? 2000;
  const log = options.log ?? ((message, error) => console.error(message, error));
  const permanent =
    options.permanent ??
    ((message: string) => Object.assign(new Error(message), { name: "PermanentError", code: "PERMANENT" as const }));

  function reportLater(runId: string, agentId: string) {
    const timer = setTimeout(() => {
      options.complete(runId, { status: "failed", error: CHAT_FAILED_ERROR, agentId }).catch((error: unknown) => log(`demo: could not report the end of run ${runId}`, error));
    }, failAfterMs);
    timer.unref?.();
  }

  return {
    async startChat(request) {
      const mode = faults.get().chat;
      const answer = await executors.startChat(request);
      if (mode === "none") return answer;
      if (mode === "startThenFail") reportLater(request.idempotencyKey, request.agentId);
      return { status: "started", threadId: answer.threadId, ...(answer.url ? { url: answer.url } : {}) };
    },
    async runWorkflow(request) {
      const mode = faults.get().workflow;
      if (mode === "fail") throw new Error(WORKFLOW_FAILED_ERROR);
      if (mode === "missing") throw permanent(workflowMissingError(request.workflowId));
      return executors.runWorkflow(request);
    },
  };
}
