import type { PlannerTools } from "agent-planner/tools";

/** One tool call the scripted agent made, as the demo's chat shows it. */
export interface ToolCall {
  name: keyof PlannerTools;
  input: Record<string, unknown>;
  output: unknown;
}

export interface AgentReply {
  reply: string;
  toolCall: ToolCall | null;
}

const DAYS: Record<string, { cron: string; words: string }> = {
  day: { cron: "*", words: "every day" },
  weekday: { cron: "1-5", words: "every weekday" },
  monday: { cron: "1", words: "every Monday" },
  tuesday: { cron: "2", words: "every Tuesday" },
  wednesday: { cron: "3", words: "every Wednesday" },
  thursday: { cron: "4", words: "every Thursday" },
  friday: { cron: "5", words: "every Friday" },
  saturday: { cron: "6", words: "every Saturday" },
  sunday: { cron: "0", words: "every Sunday" },
};

const EVERY = /remind me (?:every|each) (day|weekday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s? at (\d{1,2})(?:[:.](\d{2}))?(?:\s*(am|pm))?(?:\s+(?:to|about)\s+(.+))?/i;
const IN = /remind me in (\d{1,4})\s*(minutes?|mins?|hours?|h)\b(?:\s+(?:to|about)\s+(.+))?/i;
const LIST = /\b(list|show|what)\b.*\b(jobs|schedules|plans)\b/i;

const HELP =
  'I am a scripted demo agent. Try "remind me every Monday at 9", "remind me every weekday at 8:30 to check applications", "remind me in 2 hours to call the recruiter" or "list my jobs".';

function hour24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === "pm";
  return (hour % 12) + (pm ? 12 : 0);
}

function failure(output: unknown): string | null {
  const answer = output as { ok?: boolean; error?: string };
  return answer.ok === false ? `The planner refused: ${answer.error ?? "unknown reason"}` : null;
}

/**
 * The demo's stand-in for a model: it reads a few phrasings and calls `plannerTools` the way a model would (the same
 * tool names and inputs), so the whole path — chat → tool → pending proposal → Approve in the Planner tab — runs
 * without a model or an API key.
 */
export async function scriptedAgentReply(message: string, tools: PlannerTools): Promise<AgentReply> {
  const every = EVERY.exec(message);
  if (every) {
    const day = DAYS[every[1]!.toLowerCase()]!;
    const hour = hour24(Number(every[2]), every[4]);
    const minute = Number(every[3] ?? 0);
    const about = every[5]?.trim().replace(/[.!]+$/, "");
    const time = `${hour}:${String(minute).padStart(2, "0")}`;
    const input = {
      name: about ? `${about.slice(0, 60)} (${day.words} at ${time})` : `Reminder ${day.words} at ${time}`,
      cron: `${minute} ${hour} * * ${day.cron}`,
      prompt: about ? `Reminder for {dayOfWeek} {time}: ${about}.` : `It is {dayOfWeek} {time}: here is your reminder. What is on the plan today?`,
      reason: `You asked: "${message.trim().slice(0, 200)}"`,
    };
    const output = await tools.proposeJob.execute(input);
    return { reply: failure(output) ?? `I proposed a job that reminds you ${day.words} at ${time}. Approve it in the Planner tab; nothing runs before you do.`, toolCall: { name: "proposeJob", input, output } };
  }
  const later = IN.exec(message);
  if (later) {
    const amount = Number(later[1]);
    const minutes = /^h/i.test(later[2]!) ? amount * 60 : amount;
    const about = later[3]?.trim().replace(/[.!]+$/, "") || "your reminder";
    const input = { message: about, inMinutes: minutes };
    const output = await tools.proposeReminder.execute(input);
    return { reply: failure(output) ?? `I proposed a one-time reminder in ${minutes} minutes. Approve it in the Planner tab.`, toolCall: { name: "proposeReminder", input, output } };
  }
  if (LIST.test(message)) {
    const output = await tools.listJobs.execute({});
    const answer = output as { ok: boolean; jobs?: Array<{ name: string; status: string }>; proposals?: unknown[] };
    const names = (answer.jobs ?? []).map((job) => `${job.name} (${job.status})`);
    const reply =
      failure(output) ??
      `${names.length === 0 ? "No scheduled jobs yet." : `Scheduled: ${names.join(", ")}.`} ${answer.proposals?.length ?? 0} proposal(s) waiting for approval.`;
    return { reply, toolCall: { name: "listJobs", input: {}, output } };
  }
  return { reply: HELP, toolCall: null };
}
