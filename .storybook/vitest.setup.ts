import { afterEach, beforeEach, vi } from "vitest";

// A story that logs an error or a warning while it renders or plays fails its test: React key and act
// warnings, Radix accessibility warnings, failed queries logged by a component all count.
const logged: string[] = [];

beforeEach(() => {
  logged.length = 0;
  for (const level of ["error", "warn"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(`console.${level}: ${args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(" ")}`);
      original(...args);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (logged.length > 0) throw new Error(`The story logged ${logged.length} problem(s):\n${logged.join("\n")}`);
});
