import { join, resolve } from "node:path";

/** Where the file store keeps each kind of data under its `dir`. Agent ids are validated before they get here. */
export interface FilePaths {
  root: string;
  agentsDir: string;
  runsDir: string;
  stateDir: string;
  /** `<dir>/agents/<agentId>.json`: the agent's config, planner under its `planner` key. */
  agent(agentId: string): string;
  /** `<dir>/state/<agentId>.jsonl`: runtime log (runs, job and trigger states, delivery ids, change counter). */
  state(agentId: string): string;
  /** `<dir>/runs/<agentId>.json`: run history before the runtime log (read once and carried over). */
  runs(agentId: string): string;
  /** `<dir>/meta/<agentId>.json`: change counter before the runtime log (read once and carried over). */
  meta(agentId: string): string;
  /** One lock per agent guards its config, runs and meta files together. */
  agentLock(agentId: string): string;
  index: string;
  indexLock: string;
  deliveries: string;
  deliveriesLock: string;
  /** Directories to create before the first write. */
  dirs: string[];
}

export function filePaths(dir: string): FilePaths {
  const root = resolve(dir);
  const agentsDir = join(root, "agents");
  const runsDir = join(root, "runs");
  const metaDir = join(root, "meta");
  const stateDir = join(root, "state");
  const locksDir = join(root, "locks");
  return {
    root,
    agentsDir,
    runsDir,
    stateDir,
    agent: (agentId) => join(agentsDir, `${agentId}.json`),
    state: (agentId) => join(stateDir, `${agentId}.jsonl`),
    runs: (agentId) => join(runsDir, `${agentId}.json`),
    meta: (agentId) => join(metaDir, `${agentId}.json`),
    // The "agent." prefix keeps an agent named "index" apart from the index lock.
    agentLock: (agentId) => join(locksDir, `agent.${agentId}.lock`),
    index: join(root, "index.jsonl"),
    indexLock: join(locksDir, "index.lock"),
    deliveries: join(root, "deliveries.jsonl"),
    deliveriesLock: join(locksDir, "deliveries.lock"),
    dirs: [agentsDir, stateDir, locksDir],
  };
}
