import type { JobRunRequest, TriggerRunRequest } from "../../src/shared/events";
import type { CreateJobInput, Job } from "../../src/shared/schemas";
import type { Dispatcher } from "../../src/server/engine";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";

/** "Job", then "Job 2", "Job 3"…: names are unique per agent. */
let jobsNamed = 0;
const nextJobName = () => (++jobsNamed === 1 ? "Job" : `Job ${jobsNamed}`);

export { recordingExecutors };

/** Collects dispatched requests instead of running them. */
export function recordingDispatcher() {
  const jobs: JobRunRequest[] = [];
  const triggers: TriggerRunRequest[] = [];
  const dispatcher: Dispatcher = {
    dispatchJob: (request) => {
      jobs.push(request);
      return Promise.resolve();
    },
    dispatchTrigger: (request) => {
      triggers.push(request);
      return Promise.resolve();
    },
    // A stored run (a webhook delivery's) is recorded as the request it stands for.
    dispatchStored: (run, event) => {
      const stored = event ?? run.event;
      if (run.owner.kind === "trigger" && stored && (run.cause === "event" || run.cause === "test")) {
        triggers.push({ runId: run.id, agentId: run.agentId, triggerId: run.owner.id, cause: run.cause, event: stored });
      }
      return Promise.resolve();
    },
  };
  return { dispatcher, jobs, triggers };
}

export function engineHarness(start: string) {
  const exec = recordingExecutors();
  const t = testPlanner({ executors: exec.executors }, start);
  const noSleep = { sleep: () => Promise.resolve(), backoffMs: () => 0 };
  async function createJob(input: Partial<CreateJobInput> & Pick<CreateJobInput, "schedule">): Promise<Job> {
    return t.caller().jobs.create({
      agentId: "agent-1",
      name: nextJobName(),
      action: { type: "chat", template: "Hello" },
      ...input,
    });
  }
  return { ...t, exec, createJob, noSleep };
}
