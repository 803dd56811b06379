import type { PlannerCatalog, WorkflowInfo } from "agent-planner/server";

/** The demo has no login: every request is this user (who has Gmail, Slack and GitHub connected in the sandbox). */
export const DEMO_USER_ID = "demo-user";
export const DEMO_AGENT = { id: "job-application-agent", name: "Job Application Agent", role: "Career assistant · finds roles, tracks applications, answers recruiters" } as const;

export const DEMO_WORKFLOWS: WorkflowInfo[] = [
  {
    id: "job-application-check",
    name: "Job application check",
    description: "Looks for new roles that match the search and checks the status of open applications.",
    inputSchema: {
      type: "object",
      properties: {
        keywords: { type: "string", title: "Keywords", description: "What to search for, e.g. \"senior frontend engineer\"." },
        location: { type: "string", title: "Location", default: "Remote" },
        maxResults: { type: "integer", title: "Max results", minimum: 1, maximum: 50, default: 10 },
      },
      required: ["keywords"],
    },
  },
  {
    id: "analyze-email",
    name: "Analyze email",
    description: "Classifies an email (recruiter, interview, rejection, other) and drafts a reply.",
    inputSchema: {
      type: "object",
      properties: {
        subject: { type: "string", title: "Subject" },
        from: { type: "string", title: "From" },
        body: { type: "string", title: "Body" },
      },
      required: ["subject"],
    },
  },
  {
    id: "qualify-lead",
    name: "Qualify lead",
    description: "Scores a contact or company as a lead and suggests the next step.",
    inputSchema: {
      type: "object",
      properties: {
        name: { type: "string", title: "Name" },
        email: { type: "string", title: "Email", format: "email" },
        company: { type: "string", title: "Company" },
      },
    },
  },
];

export const demoCatalog: PlannerCatalog = {
  workflows: (agentId) => Promise.resolve(agentId === DEMO_AGENT.id ? DEMO_WORKFLOWS : []),
  agent: (agentId) => Promise.resolve(agentId === DEMO_AGENT.id ? { name: DEMO_AGENT.name, role: DEMO_AGENT.role } : null),
};

/** The demo user's display name: history says who did what ("Skipped by Ada", "Ada changed the schedule"). */
export const DEMO_USER_NAME = "Ada";

/** The demo's auth: always the demo user. */
export const demoAuth = (): { userId: string; name: string } => ({ userId: DEMO_USER_ID, name: DEMO_USER_NAME });
export const demoCanAccessAgent = (userId: string, agentId: string): boolean => userId === DEMO_USER_ID && agentId === DEMO_AGENT.id;
