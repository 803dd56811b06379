import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStoreContract } from "./contract";
import { makeJob, withJobs } from "./contract-fixtures";
import { memoryStore } from "../../src/server/store/memory-store";

describeStoreContract("memoryStore", (options) =>
  Promise.resolve({ store: memoryStore(options), cleanup: () => Promise.resolve() }),
);

describe("memoryStore", () => {
  it("keeps agents of two stores apart", async () => {
    const a = memoryStore();
    const b = memoryStore();
    await a.update("agent-1", () => withJobs(makeJob(1)));
    expect(await b.get("agent-1")).toEqual({ jobs: [], triggers: [] });
  });

  it("refuses a run history below 1 when created", () => {
    expect(() => memoryStore({ runHistory: 0 })).toThrow("runHistory must be a whole number of at least 1, got 0.");
  });

  it("refuses calls after close", async () => {
    const store = memoryStore();
    await store.close();
    await expect(store.get("agent-1")).rejects.toThrow("This planner store is closed.");
  });
});

describe("memoryStore in a browser", () => {
  it("imports nothing from Node, directly or through the store files it uses", () => {
    const seen = new Set<string>();
    const nodeImports: string[] = [];
    const storeDir = join(import.meta.dirname, "../../src/server/store");
    const sharedDir = join(import.meta.dirname, "../../src/shared");
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const [, specifier] of source.matchAll(/^import (?!type )[^;]*?from "([^"]+)";/gms)) {
        const target = resolve(dirname(file), specifier!);
        if (specifier!.startsWith(".") && target.startsWith(sharedDir)) continue;
        if (specifier!.startsWith(".") && (target.startsWith(storeDir) || target === join(storeDir, "../errors"))) visit(`${target}.ts`);
        else if (specifier !== "zod") nodeImports.push(`${relative(storeDir, file)}: ${specifier}`);
      }
    };
    visit(join(storeDir, "memory-store.ts"));
    expect(seen.size).toBeGreaterThan(5);
    expect(nodeImports).toEqual([]);
  });
});
