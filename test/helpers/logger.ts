import type { PlannerLogger } from "../../src/server/options";

export type LogRecord = { level: string; text: string; fields: Record<string, unknown> };

/** A planner logger that keeps every record, so tests stay quiet and can look at what was logged. */
export function recordingLogger() {
  const records: LogRecord[] = [];
  const at =
    (level: string) =>
    (text: string, fields: Record<string, unknown> = {}) => {
      records.push({ level, text, fields });
    };
  const logger: PlannerLogger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, records };
}
