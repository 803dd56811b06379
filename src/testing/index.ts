/**
 * `agent-planner/testing`: the contract suites a host runs (in its own Vitest) against its own config source or
 * runtime backend, and the fixtures they use. Needs `vitest` in the host's dev dependencies.
 */
export { describeConfigSourceContract, definitionWith, type ConfigSourceHarness, type MakeConfigSource } from "./config-contract";
export { describeRuntimeContract, type MakeRuntime } from "./runtime-contract";
export { describeStoreContract, dueRefs, type MakeStore, type StoreHarness } from "./store-contract";
export { T0, at, fixturePlanner, makeJob, makeRun, makeTrigger, withJobs } from "./fixtures";
