import { createHash } from "node:crypto";
import { type Stats, statSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { toSafeJson } from "../../../shared/safe-json";
import { AgentId, MAX_JSON_DEPTH, type PlannerConfig } from "../../../shared/schemas";
import { ConflictError } from "../../errors";
import { type AgentFile, renderAgentFile } from "./agent-file";
import { isCode, type WrittenFile, writeFileAtomic } from "./atomic-write";
import type { ConfigRevision, ConfigSource, PlannerDefinition, StoredPlanner } from "../core/config-source";
import { PlannerDefinition as PlannerDefinitionSchema } from "../core/config-source";
import { StoreCorruptError } from "../errors";
import { createKeyedMutex } from "../core/keyed-mutex";
import { sweepOrphans } from "./sweep";
import { assertAgentId, describeIssues } from "../core/validate";

/** Options of {@link jsonAgentFiles}. */
export interface JsonAgentFilesOptions {
  /** The folder of agent files: `<dir>/<agentId>.json`, the planner under the `planner` key. */
  dir: string;
}

const HOW_TO_FIX = "fix or remove the file; it was not changed.";

/** A file as last read, with what identifies that version of it on disk. */
interface Cached {
  stamp: string;
  file: AgentFile;
  stored: StoredPlanner | null;
}

/** The revision of a planner: a hash of its canonical JSON, so edits of the file's other keys do not count. */
function revisionOf(planner: unknown): string {
  return createHash("sha256").update(JSON.stringify(planner)).digest("base64url").slice(0, 22);
}

/**
 * A config source over one JSON file per agent, `<dir>/<agentId>.json`, with the planner under its `planner` key:
 * the agent config file a host already keeps. Only the planner's bytes are rewritten (every other key keeps its
 * exact text and order); writes are atomic (temp file, fsync, rename, directory fsync); a file that is not JSON or
 * whose planner does not match the schema is a `StoreCorruptError` naming it and is never overwritten. The
 * revision is a hash of the planner, so a hand edit made after a read makes that read's write a `ConflictError`.
 * A file written by hand (or by the host) is picked up like one written through the planner.
 *
 * @example
 * const config = jsonAgentFiles({ dir: path.join(process.cwd(), "agents") });
 */
export function jsonAgentFiles(options: JsonAgentFilesOptions): ConfigSource {
  if (typeof options?.dir !== "string" || options.dir.trim() === "") throw new TypeError("jsonAgentFiles needs a `dir` with the agent files.");
  const dir = resolve(options.dir);
  // Only what tells a file's version (its stamp) and its planner's revision is kept: the core keeps the parsed
  // planner itself and reads the file again only when the revision changed, so keeping the text, the parsed record
  // and the planner here too would triple the memory of a large store (120 MB at 100,000 jobs).
  const revisions = new Map<string, { stamp: string; revision: ConfigRevision | null }>();
  let swept = false;
  // Writes of one agent take turns in this process, so a revision check and its write are one step.
  const writes = createKeyedMutex();
  const pathOf = (agentId: string) => join(dir, `${assertAgentId(agentId)}.json`);

  /**
   * What identifies the file's current version on disk. A stat of a local file is a few microseconds, far less than
   * a round trip to libuv's thread pool, and every read and write of the planner begins with one (a tick asks for
   * the revision of each agent with a due job), so it is taken synchronously.
   */
  function stampOf(path: string): Promise<string> {
    try {
      const s = statSync(path, { throwIfNoEntry: false });
      return Promise.resolve(s ? stampText(s) : "missing");
    } catch (error) {
      if (isCode(error, "ENOENT", "ENOTDIR")) return Promise.resolve("missing");
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The agent file's stamp (taken before the read, so a later write shows as a newer stamp) and its text, or null. */
  async function readStamped(agentId: string): Promise<{ path: string; stamp: string; raw: string | null }> {
    const path = pathOf(agentId);
    const stamp = await stampOf(path);
    try {
      return { path, stamp, raw: await readFile(path, "utf8") };
    } catch (error) {
      if (!isCode(error, "ENOENT", "ENOTDIR")) throw error;
      return { path, stamp, raw: null };
    }
  }

  async function load(agentId: string): Promise<Cached> {
    const { path, stamp, raw } = await readStamped(agentId);
    const entry = parse(path, raw, raw === null ? "missing" : stamp);
    revisions.set(agentId, { stamp: entry.stamp, revision: entry.stored?.revision ?? null });
    return entry;
  }

  /**
   * The file and its planner's revision without checking the planner against the schema: what `revision()` and a
   * write's revision check need. The revision is a hash of the planner as the file has it, so a planner that does
   * not match the schema never has the revision of one that was read (and checked) before.
   */
  async function loadRevision(agentId: string): Promise<{ stamp: string; file: AgentFile; revision: ConfigRevision | null }> {
    const { path, stamp, raw } = await readStamped(agentId);
    if (raw === null) {
      revisions.set(agentId, { stamp: "missing", revision: null });
      return { stamp: "missing", file: { path, text: null, config: null, planner: { jobs: [], triggers: [] } }, revision: null };
    }
    const file = parseFile(path, raw);
    const revision = file.config && Object.hasOwn(file.config, "planner") ? revisionOf(file.config.planner) : null;
    revisions.set(agentId, { stamp, revision });
    return { stamp, file, revision };
  }

  async function writeNow(agentId: string, planner: PlannerDefinition, expectedRevision: ConfigRevision | null): Promise<{ revision: ConfigRevision }> {
    const current = await loadRevision(agentId);
    const currentRevision = current.revision;
    if (currentRevision !== expectedRevision) {
      throw new ConflictError(`The planner in ${current.file.path} changed since it was read (someone edited the file); nothing was written.`);
    }
    const text = renderAgentFile(current.file, planner as unknown as PlannerConfig);
    const revision = revisionOf(planner);
    // A missing folder is made by the write itself (the temp file's open creates it on ENOENT).
    let written: WrittenFile | null;
    try {
      written = await writeFileAtomic(current.file.path, text);
    } finally {
      revisions.delete(agentId);
    }
    // The file's stamp after the rename is this write's only when it still is the inode, size and modification time
    // the write stored (an edit made since would show in one of them): then the next revision check needs no read.
    const after = written ? statSync(current.file.path, { throwIfNoEntry: false }) : undefined;
    if (written && after && after.ino === written.ino && after.size === written.size && after.mtimeMs === written.mtimeMs) {
      revisions.set(agentId, { stamp: stampText(after), revision });
    }
    return { revision };
  }

  return {
    async read(agentId) {
      return (await load(agentId)).stored;
    },

    async revision(agentId) {
      // One stat while the file is unchanged.
      const known = revisions.get(agentId);
      if (known && known.stamp === (await stampOf(pathOf(agentId)))) return known.revision;
      return (await loadRevision(agentId)).revision;
    },

    async write(agentId, planner, { expectedRevision }) {
      return writes.run(assertAgentId(agentId), () => writeNow(agentId, planner, expectedRevision));
    },

    async agents() {
      // Temp files of a writer that crashed between writing and renaming (ten minutes old: no live writer's).
      if (!swept) {
        swept = true;
        await sweepOrphans([dir], 600_000);
      }
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isCode(error, "ENOENT")) return [];
        throw error;
      }
      return names.flatMap((name) => {
        if (!name.endsWith(".json")) return [];
        const id = name.slice(0, -".json".length);
        return AgentId.safeParse(id).success ? [id] : [];
      });
    },
  };
}

function stampText(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/** The file's text and its JSON object (a file that is not one is a `StoreCorruptError` naming it). */
function parseFile(path: string, raw: string): AgentFile & { text: string; config: Record<string, unknown> } {
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptError(path, `Cannot read agent config ${path}: ${(error as Error).message} — ${HOW_TO_FIX}`, { cause: error });
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    const found = Array.isArray(config) ? "an array" : config === null ? "null" : `a ${typeof config}`;
    throw new StoreCorruptError(path, `Cannot read agent config ${path}: expected a JSON object, found ${found} — ${HOW_TO_FIX}`);
  }
  return { path, text, config: config as Record<string, unknown>, planner: { jobs: [], triggers: [] } };
}

function parse(path: string, raw: string | null, stamp: string): Cached {
  if (raw === null) return { stamp, file: { path, text: null, config: null, planner: { jobs: [], triggers: [] } }, stored: null };
  const file = parseFile(path, raw);
  const record = file.config;
  if (!Object.hasOwn(record, "planner")) return { stamp, file, stored: null };
  let parsed = PlannerDefinitionSchema.safeParse(record.planner);
  if (!parsed.success) {
    // Written before reserved keys were refused, a `constructor` key would fail validation for the whole agent; it
    // is read as `constructor_` instead, and the next write stores that.
    const repaired = PlannerDefinitionSchema.safeParse(toSafeJson(record.planner, MAX_JSON_DEPTH + 8).value);
    if (repaired.success) parsed = repaired;
  }
  if (!parsed.success) {
    throw new StoreCorruptError(path, `Agent config ${path} has an invalid "planner": ${describeIssues(parsed.error)} — ${HOW_TO_FIX}`, { cause: parsed.error });
  }
  const planner: PlannerDefinition = parsed.data;
  return {
    stamp,
    file,
    // The revision is of the planner as the file has it, so any edit of it (even one the schema normalises) counts.
    stored: { planner, revision: revisionOf(record.planner) },
  };
}
