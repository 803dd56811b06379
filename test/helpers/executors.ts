import type { PlannerExecutors, RunWorkflowRequest, StartChatRequest } from "../../src/server/options";

/** Records executor calls; `fail(message)` makes the following calls throw until `fail(null)`. */
export function recordingExecutors() {
  const chats: StartChatRequest[] = [];
  const workflows: RunWorkflowRequest[] = [];
  let failWith: string | null = null;
  const executors: PlannerExecutors = {
    startChat(request) {
      chats.push(request);
      if (failWith) return Promise.reject(new Error(failWith));
      return Promise.resolve({ threadId: `thread-${chats.length}`, url: `/chat/thread-${chats.length}` });
    },
    runWorkflow(request) {
      workflows.push(request);
      if (failWith) return Promise.reject(new Error(failWith));
      return Promise.resolve({ workflowRunId: `wfrun-${workflows.length}` });
    },
  };
  return {
    executors,
    chats,
    workflows,
    fail(message: string | null) {
      failWith = message;
    },
  };
}

