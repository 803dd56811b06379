"use client";

import { useEffect, useState } from "react";

export type Polled<T> = { status: "loading" } | { status: "error"; message: string; items?: T[] } | { status: "ready"; items: T[] };

/** GETs `url` now and every `intervalMs` (demo code: simple polling is enough to look live). */
export function usePolledList<T>(url: string, intervalMs = 2000): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ status: "loading" });
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch(url, { cache: "no-store" });
        if (!res.ok) throw new Error(`The demo server answered ${res.status}.`);
        const body = (await res.json()) as { items: T[] };
        if (!cancelled) setState({ status: "ready", items: body.items });
      } catch (error) {
        if (!cancelled) setState((prev) => ({ status: "error", message: error instanceof Error ? error.message : String(error), ...(prev.status === "ready" ? { items: prev.items } : {}) }));
      } finally {
        if (!cancelled) timer = setTimeout(() => void load(), intervalMs);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [url, intervalMs]);
  return state;
}

/** Scrolls to the entry named by the URL fragment once it is rendered (run links: /?tab=chats#thread_…). */
export function useScrollToHash(ready: boolean): string | null {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setTarget(window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : null);
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  useEffect(() => {
    if (!ready || !target) return;
    document.getElementById(target)?.scrollIntoView({ block: "center" });
  }, [ready, target]);
  return target;
}
