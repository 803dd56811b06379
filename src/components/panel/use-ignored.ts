"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

interface Ignorable {
  kind: string;
  id: string;
  signature: string;
}

type Ignored = Record<string, string>;

const storageKey = (agentId: string) => `agent-planner:attention-ignored:${agentId}`;
const itemKey = (item: Ignorable) => `${item.kind}:${item.id}`;

/** Tabs of this page that changed the ignored items (the `storage` event tells only other tabs). */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function readRaw(agentId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(agentId));
  } catch {
    return null;
  }
}

function parse(raw: string | null): Ignored {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

function write(agentId: string, ignored: Ignored): void {
  try {
    if (Object.keys(ignored).length === 0) window.localStorage.removeItem(storageKey(agentId));
    else window.localStorage.setItem(storageKey(agentId), JSON.stringify(ignored));
  } catch {
    // Storage full or blocked (private mode): nothing is remembered.
  }
  listeners.forEach((listener) => listener());
}

/**
 * The needs-attention items this viewer ignored, per agent, in this browser's local storage: an item stays hidden
 * while its `signature` is the one ignored; a new problem (another failed run, another connection error, another
 * pause) changes the signature and shows it again. Per browser, not per account: ignoring is a personal "not now"
 * and changes nothing for other people or on the server.
 */
export function useIgnoredProblems(agentId: string) {
  // The server (and the first client render) sees nothing ignored; the browser's storage is read after hydration.
  const raw = useSyncExternalStore(subscribe, () => readRaw(agentId), () => null);
  const ignored = useMemo(() => parse(raw), [raw]);

  const update = useCallback(
    (change: (current: Ignored) => Ignored) => {
      const current = parse(readRaw(agentId));
      const next = change(current);
      if (next !== current) write(agentId, next);
    },
    [agentId],
  );

  return useMemo(
    () => ({
      isIgnored: (item: Ignorable) => ignored[itemKey(item)] === item.signature,
      ignore: (item: Ignorable) => update((current) => ({ ...current, [itemKey(item)]: item.signature })),
      clear: () => update((current) => (Object.keys(current).length ? {} : current)),
      /** Forgets items that are fine again or have a new problem, so their next problem shows. */
      prune: (items: readonly Ignorable[]) =>
        update((current) => {
          const listed = new Map(items.map((item) => [itemKey(item), item.signature]));
          const kept = Object.entries(current).filter(([key, signature]) => listed.get(key) === signature);
          return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
        }),
    }),
    [ignored, update],
  );
}
