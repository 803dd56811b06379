import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { AgentId } from "../../../shared/schemas";
import { readAgentFile } from "../config/agent-file";
import { emptyWrite, type RuntimeBackend } from "../core/runtime-backend";
import { createJsonlLog } from "./jsonl-log";
import { createRuntimeLog } from "./runtime-log";

/** What {@link importFileStoreData} carried over. */
export interface ImportReport {
  agents: string[];
  runs: number;
  states: number;
  deliveryIds: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Carries a data folder written by the file store of agent-planner ≤ 0.1 (runtime logs in `<dir>/state/*.jsonl`,
 * or the older `<dir>/runs/` and `<dir>/meta/` files, and `<dir>/deliveries.jsonl`) into a runtime backend: runs,
 * job and trigger states (the newer of the agent file's and the log's), delivery ids. An agent whose runtime
 * already has data is left alone, so this runs on every start and imports each agent once. The old files are
 * not changed or removed (delete `state/`, `runs/`, `meta/`, `locks/`, `index.jsonl` and `deliveries.jsonl`
 * once the import is confirmed).
 */
export async function importFileStoreData(dir: string, runtime: RuntimeBackend): Promise<ImportReport> {
  const report: ImportReport = { agents: [], runs: 0, states: 0, deliveryIds: 0 };
  const stateDir = join(dir, "state");
  const runsDir = join(dir, "runs");
  if (!(await exists(stateDir)) && !(await exists(runsDir))) return report;
  const ids = new Set<string>();
  for (const folder of [stateDir, runsDir]) {
    let names: string[] = [];
    try {
      names = await readdir(/*turbopackIgnore: true*/ folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const id = name.replace(/\.jsonl?$/, "");
      if (id !== name && AgentId.safeParse(id).success) ids.add(id);
    }
  }
  for (const agentId of [...ids].sort()) {
    if ((await runtime.head(agentId)).version > 0) continue;
    const file = await readAgentFile(join(dir, "agents", `${agentId}.json`));
    const log = createRuntimeLog(join(stateDir, `${agentId}.jsonl`), { runs: join(runsDir, `${agentId}.json`), meta: join(dir, "meta", `${agentId}.json`) });
    await log.sync();
    const { runtime: old } = log;
    const write = emptyWrite();
    for (const run of old.runs.values()) write.runs.set(run.id, run);
    // The state stored with the configuration is the newest unless the log has one for the same or a later revision.
    for (const job of file.planner.jobs) {
      const logged = old.jobs.get(job.id);
      write.jobs.set(job.id, logged && logged.rev >= job.revision ? logged : { rev: job.revision, state: job.state });
    }
    for (const trigger of file.planner.triggers) {
      const logged = old.triggers.get(trigger.id);
      write.triggers.set(trigger.id, logged && logged.rev >= trigger.revision ? logged : { rev: trigger.revision, state: trigger.state });
    }
    for (const [id, expiresAt] of old.deliveries) write.deliveries.set(id, expiresAt);
    if (write.runs.size === 0 && write.jobs.size === 0 && write.triggers.size === 0 && write.deliveries.size === 0) continue;
    const imported = await runtime.transaction(agentId, async (tx) => {
      if (tx.version > 0) return false;
      await tx.commit(write);
      return true;
    });
    if (!imported) continue;
    report.agents.push(agentId);
    report.runs += write.runs.size;
    report.states += write.jobs.size + write.triggers.size;
  }
  const deliveries = join(dir, "deliveries.jsonl");
  if (await exists(deliveries)) {
    const seen = new Map<string, number>();
    await createJsonlLog(deliveries, "agent-planner/deliveries@1").sync(
      (value) => {
        const line = value as { id?: unknown; at?: unknown };
        if (typeof line?.id === "string" && typeof line.at === "number" && line.id.length > 0 && line.id.length <= 500) seen.set(line.id, line.at);
      },
      () => seen.clear(),
    );
    for (const [id, at] of seen) {
      const record = await runtime.recordDelivery(id, at, 1);
      if (record.firstSeen) report.deliveryIds += 1;
    }
  }
  return report;
}
