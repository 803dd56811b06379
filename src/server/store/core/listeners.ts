import type { StoreChange, StoreListener } from "../port";
import { copyData } from "./owned";

/** Per-agent listener sets (no `node:events`, so the memory store runs in a browser). */
export interface ListenerMap {
  add(agentId: string, listener: StoreListener): () => void;
  emit(change: StoreChange): void;
  /** Whether anyone listens to this agent. */
  has(agentId: string): boolean;
  clear(): void;
}

export function createListenerMap(): ListenerMap {
  const byAgent = new Map<string, Set<StoreListener>>();

  return {
    add(agentId, listener) {
      let set = byAgent.get(agentId);
      if (!set) byAgent.set(agentId, (set = new Set()));
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const entry: StoreListener = (change) => listener(change);
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && byAgent.get(agentId) === set) byAgent.delete(agentId);
      };
    },
    emit(change) {
      const set = byAgent.get(change.agentId);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          // Each listener gets its own copy so one cannot change what the next one sees.
          listener(copyData(change));
        } catch {
          // The change is already stored; one failing listener must not fail the write or starve the others.
        }
      }
    },
    has(agentId) {
      return byAgent.has(agentId);
    },
    clear() {
      byAgent.clear();
    },
  };
}
