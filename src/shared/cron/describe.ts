import cronstrue from "cronstrue";
import { parseExpression } from "./compile";

/**
 * An English sentence for a cron expression, on a 24-hour clock ("At 09:00, only on Monday"). Shortcuts
 * are described by what they stand for (`@daily` → "At 00:00"). Never throws: an invalid expression
 * gives a sentence saying what is wrong, so a form can show it as it is typed.
 *
 * @example
 * describeSchedule("0 9 * * 1-5"); // "At 09:00, Monday through Friday"
 * describeSchedule("0 24 * * *"); // "Not a valid schedule: Hour must be between 0 and 23, got 24."
 */
export function describeSchedule(cron: string): string {
  const parsed = parseExpression(cron);
  if (!parsed.ok) return `Not a valid schedule: ${parsed.errors.map((error) => error.message).join(" ")}`;
  try {
    return cronstrue.toString(parsed.expression, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      locale: "en",
    });
  } catch {
    // cronstrue reads a few valid expressions differently from croner; the expression still says it all.
    return `Runs on the schedule "${parsed.expression}".`;
  }
}
