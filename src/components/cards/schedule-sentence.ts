"use client";

import type { PlannerLabels } from "../../client/labels";
import { formatScheduleSentence, type SentenceSchedule } from "../../shared/format";

/**
 * The short schedule sentence of a card: "Daily at 9:00 AM", "Weekdays at 9:00 AM", "Every Monday at
 * 9:00 AM", "Monthly on day 1 at 9:00 AM"; anything else in the server's words (`fallback`, the job view's
 * `scheduleSentence`: "Every 15 minutes"), so no cron library reaches the browser for a card. The cron picker's
 * presets and summary say the same (`formatScheduleSentence`).
 */
export function scheduleSentence(cron: string | SentenceSchedule, labels: PlannerLabels["cards"], locale: string | undefined, fallback?: string): string {
  return formatScheduleSentence(cron, labels, { locale }, fallback);
}
