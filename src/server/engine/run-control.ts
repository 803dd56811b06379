/**
 * Why a run's signal fired: someone cancelled it, the planner is stopping (the run is left for the next start to
 * take over), or another worker holds it now (this one stops without recording anything).
 */
export type StopReason = "cancelled" | "stopping" | "lost";

/** One run executing in this process: the signal its executor gets, and why it fired. */
export interface RunControl {
  readonly signal: AbortSignal;
  /** Why `signal` fired, or `null` while it has not. */
  reason(): StopReason | null;
  /** Who cancelled it (a user id), when it was cancelled. */
  cancelledBy(): string | undefined;
  /** Whether the planner is stopping (set even when the run was cancelled first): give up waiting for the store. */
  stopping(): boolean;
  stop(reason: StopReason, by?: string): void;
}

/** The runs this process is executing, by run id: so "cancel" and `planner.stop()` reach their executors. */
export interface RunControls {
  /** A control for a run this process starts executing (the same one while it is registered). */
  register(runId: string): RunControl;
  release(runId: string): void;
  /** Stops one run executing here; `false` when it is not executing in this process. */
  stop(runId: string, reason: StopReason, by?: string): boolean;
  /** Stops every run executing here (the planner is stopping). */
  stopAll(reason: StopReason): void;
  /** How many runs are executing here. */
  size(): number;
}

export function createRunControls(): RunControls {
  const controls = new Map<string, RunControl>();

  function control(): RunControl {
    const abort = new AbortController();
    let why: StopReason | null = null;
    let by: string | undefined;
    let stopping = false;
    return {
      signal: abort.signal,
      reason: () => why,
      cancelledBy: () => by,
      stopping: () => stopping,
      stop(reason, stoppedBy) {
        if (reason === "stopping") stopping = true;
        if (why) return;
        why = reason;
        by = stoppedBy;
        abort.abort(new RunStoppedError(reason));
      },
    };
  }

  return {
    register(runId) {
      let existing = controls.get(runId);
      if (!existing) controls.set(runId, (existing = control()));
      return existing;
    },
    release(runId) {
      controls.delete(runId);
    },
    stop(runId, reason, by) {
      const found = controls.get(runId);
      if (!found) return false;
      found.stop(reason, by);
      return true;
    },
    stopAll(reason) {
      for (const found of controls.values()) found.stop(reason);
    },
    size: () => controls.size,
  };
}

/** The reason an executor's signal carries (`signal.reason`). */
export class RunStoppedError extends Error {
  readonly reason: StopReason;
  constructor(reason: StopReason) {
    super(
      reason === "cancelled"
        ? "The run was cancelled."
        : reason === "stopping"
          ? "The planner is stopping; the run will be taken over when it starts again."
          : "Another worker took this run over.",
    );
    this.name = "RunStoppedError";
    this.reason = reason;
  }
}

/**
 * The signals of one executor attempt. `signal` (what the executor gets) fires when the run's own signal does
 * (cancel, the planner stopping, another worker took the run) or after `ms`. `giveUp` (when the planner stops
 * waiting for the answer) fires on the timeout and on a cancel or a takeover, but not when the planner stops: then
 * the executor is asked to stop and its answer is still awaited and recorded, so `stop()` loses no outcome.
 */
export function attemptSignal(parent: AbortSignal, ms: number, timeoutReason: () => Error): { signal: AbortSignal; giveUp: AbortSignal; dispose(): void } {
  const abort = new AbortController();
  const giveUp = new AbortController();
  const onParent = () => {
    abort.abort(parent.reason);
    const reason = parent.reason as { reason?: unknown } | undefined;
    if (!(reason instanceof RunStoppedError && reason.reason === "stopping")) giveUp.abort(parent.reason);
  };
  if (parent.aborted) onParent();
  else parent.addEventListener("abort", onParent, { once: true });
  const timer = setTimeout(() => {
    const error = timeoutReason();
    abort.abort(error);
    giveUp.abort(error);
  }, ms);
  return {
    signal: abort.signal,
    giveUp: giveUp.signal,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener("abort", onParent);
    },
  };
}
