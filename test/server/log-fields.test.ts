import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The argument text of the call whose `(` is at `open`, with string contents blanked so they cannot confuse the scan. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  let out = "";
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === "`") {
      const end = text.indexOf(ch, i + 1);
      out += '""';
      i = end === -1 ? text.length : end;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")" && --depth === 0) return out + ch;
    out += ch;
  }
  return out;
}

/** Every logger call in src/ with the fields it passes: `logger.warn("…", { … })`, `log.error(…)`, `deps.logger.info(…)`. */
function loggerCalls(): { where: string; args: string }[] {
  const calls: { where: string; args: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\b(?:logger|log)\??\.(?:debug|info|warn|error)\s*\(/g)) {
      const open = (match.index ?? 0) + match[0].length - 1;
      const line = text.slice(0, match.index).split("\n").length;
      calls.push({ where: `${path.relative(SRC, file)}:${line}`, args: callArguments(text, open) });
    }
  }
  return calls;
}

describe("log records", () => {
  it("never use `message` as a field name (it collides with the log line's own message in most loggers)", () => {
    const calls = loggerCalls();
    expect(calls.length).toBeGreaterThan(10);
    const offenders = calls.filter((c) => /[{,]\s*message\s*[:,}]/.test(c.args)).map((c) => c.where);
    expect(offenders).toEqual([]);
  });
});
