import type { HistoryRunView } from "./view";

/** The columns of a runs CSV, in order. */
const COLUMNS = ["Run id", "Name", "Owner kind", "Kind", "Status", "Created", "Started", "Finished", "Duration (ms)", "Attempts", "User", "Message or input", "Error", "Link"] as const;

const KIND: Record<HistoryRunView["cause"], string> = { schedule: "Scheduled", manual: "Manual", event: "Event", test: "Test", replay: "Replay" };

/**
 * One CSV cell: quoted when it holds a quote, comma, semicolon or line break (quotes doubled), and a text that a
 * spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
 * leading `'` so it stays text.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Runs as CSV (RFC 4180: CRLF line ends, a header row), one run a row. */
export function runsToCsv(runs: readonly HistoryRunView[]): string {
  const rows = runs.map((run) => [
    run.id,
    run.ownerName ?? "",
    run.owner.kind,
    KIND[run.cause],
    run.status,
    run.createdAt,
    run.startedAt ?? "",
    run.finishedAt ?? "",
    run.durationMs,
    run.attempts,
    run.userId ?? "",
    run.renderedMessage ?? (run.input !== undefined ? JSON.stringify(run.input) : ""),
    run.error ?? "",
    run.result?.url ?? "",
  ]);
  return [COLUMNS as readonly (string | number | null)[], ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
