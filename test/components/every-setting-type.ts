import type { TriggerTypeFixture } from "../../src/sandbox/fixtures";

/** A trigger type with every kind of setting the generated form supports (added to the sandbox's catalog). */
export const EVERY_SETTING: TriggerTypeFixture = {
  slug: "LINEAR_ISSUE_UPDATED_TRIGGER",
  name: "Issue Updated Trigger",
  description: "Triggers when an issue in a team changes. Polled every minute.",
  instructions: null,
  type: "webhook",
  toolkit: { slug: "linear", name: "Linear", logo: "https://logos.composio.dev/api/linear" },
  version: "20251222_00",
  config: {
    type: "object",
    title: "IssueUpdatedConfig",
    required: ["team_id"],
    properties: {
      team_id: { type: "string", title: "Team Id", description: "The team whose issues to watch.", examples: ["TEAM-42"] },
      min_estimate: { type: "integer", title: "Min Estimate", description: "Only issues estimated at least this many points.", default: 1, minimum: 0, maximum: 21 },
      include_archived: { type: "boolean", title: "Include Archived", description: "Also fire for archived issues.", default: false },
      priority: { anyOf: [{ enum: ["urgent", "high", "medium", "low"], type: "string" }, { type: "null" }], default: null, title: "Priority", description: "Only issues with this priority." },
      labels: { type: "array", items: { type: "string" }, title: "Labels", description: "Only issues with one of these labels." },
    },
  },
  payload: { type: "object", properties: { title: { type: "string", title: "Title" }, state: { type: "string", examples: ["In Progress"] } } },
};
