"use client";

import { useEffect, useState } from "react";

/** Re-renders every `ms` while `enabled` (elapsed times of runs in progress). */
export function useTick(enabled: boolean, ms = 1000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), ms);
    return () => clearInterval(timer);
  }, [enabled, ms]);
}
