import { memoryConfig } from "../server/store/config/memory-config";
import { plannerStore } from "../server/store/core/planner-store";
import type { RuntimeBackend } from "../server/store/core/runtime-backend";
import { describeStoreContract } from "./store-contract";

/** Builds a fresh, empty runtime backend for each test, and how to dispose of it. */
export type MakeRuntime = () => Promise<{ runtime: RuntimeBackend; cleanup: () => Promise<void> }>;

/**
 * The behaviour every runtime backend must have: the whole `PlannerStore` contract, run over
 * `plannerStore({ config: memoryConfig(), runtime })`, so every decision the core takes is stored and read back
 * through the backend under test.
 *
 * @example
 * import { describeRuntimeContract } from "agent-planner/testing";
 * describeRuntimeContract("my runtime", async () => ({ runtime: myRuntime(), cleanup: async () => {} }));
 */
export function describeRuntimeContract(name: string, make: MakeRuntime): void {
  describeStoreContract(`${name} runtime`, async (options) => {
    const { runtime, cleanup } = await make();
    return { store: plannerStore({ config: memoryConfig(), runtime, runHistory: options?.runHistory }), cleanup };
  });
}
