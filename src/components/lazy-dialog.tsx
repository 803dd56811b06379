"use client";

import { Suspense, lazy, useState, type ComponentType } from "react";

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** A lazily loaded dialog and the function that starts loading its code (call it on hover or focus of what opens it). */
export interface LazyDialog<P extends DialogProps> {
  Dialog: (props: P) => React.ReactNode;
  /** Starts fetching the code; settles when it is there or the fetch failed (never rejects: opening tries again). */
  preload: () => Promise<void>;
}

/**
 * Wraps a dialog so its code (and what only it uses: forms, the cron preview, RE2, …) is a separate chunk, fetched
 * the first time the dialog opens or `preload()` is called. Nothing is shown until it arrives (a local chunk, or
 * one already fetched by `preload()` on hover), so the dialog, its focus trap and its title appear together; once
 * loaded, the real dialog stays mounted like a directly imported one (closing keeps its exit animation).
 */
export function lazyDialog<P extends DialogProps>(
  load: () => Promise<ComponentType<P>>,
): LazyDialog<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const fetchCode = () =>
    (loading ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        loading = undefined; // a failed fetch (offline) can be retried by opening again
        throw error;
      },
    ));
  // Called from event handlers and idle callbacks that ignore its result: a failure is not an unhandled rejection.
  const preload = () => fetchCode().then(
    () => undefined,
    () => undefined,
  );
  const Loaded = lazy(fetchCode);
  function LazyDialogComponent(props: P) {
    const [opened, setOpened] = useState(props.open);
    if (props.open && !opened) setOpened(true);
    if (!opened) return null;
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return { Dialog: LazyDialogComponent, preload };
}
