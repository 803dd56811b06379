import { readFile } from "node:fs/promises";
import { z } from "zod";
import { Run } from "../../../shared/schemas";
import { isCode } from "../config/atomic-write";
import { StoreCorruptError } from "../errors";
import { sortNewestFirst } from "../core/run-history";
import { describeIssues } from "../core/validate";

const HOW_TO_FIX = "fix or remove the file; it was not changed.";

/** `<dir>/runs/<agentId>.json`: the agent's run history, newest first. */
const RunsFile = z.object({ runs: z.array(Run) });

/** `<dir>/meta/<agentId>.json`: the agent's change counter (see `version`). */
const MetaFile = z.object({ version: z.int().nonnegative() });

async function readJson<T>(path: string, what: string, schema: z.ZodType<T>, missing: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT")) return missing;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `Cannot read ${what} ${path}: ${(error as Error).message} — ${HOW_TO_FIX}`;
    throw new StoreCorruptError(path, message, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new StoreCorruptError(path, `Cannot read ${what} ${path}: ${describeIssues(parsed.error)} — ${HOW_TO_FIX}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** The runs stored in `path`, newest first; none when the file does not exist. */
export async function readRuns(path: string): Promise<Run[]> {
  const file = await readJson(path, "run history", RunsFile, { runs: [] });
  return sortNewestFirst(file.runs);
}

/** The text of a run history file: one run per line, compact, yet readable and diffable. */
export function runsText(runs: readonly Run[]): string {
  const lines = runs.map((run) => JSON.stringify(run)).join(",\n");
  return runs.length ? `{"runs":[\n${lines}\n]}\n` : `{"runs":[]}\n`;
}

export async function readVersion(path: string): Promise<number> {
  return (await readJson(path, "agent version", MetaFile, { version: 0 })).version;
}

/** The text of the counter file `<dir>/meta/<agentId>.json`. */
export function versionText(version: number): string {
  return `${JSON.stringify({ version })}\n`;
}
