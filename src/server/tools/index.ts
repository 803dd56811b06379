/**
 * `agent-planner/tools`: tool definitions a host registers with its agent runtime, so the agent can list its
 * jobs, propose jobs and reminders (pending a person's approval), pause a job and run one now.
 */
export { plannerTools, plannerToolJsonSchemas, PLANNER_TOOL_NAMES } from "./planner-tools";
export type { PlannerTool, PlannerToolName, PlannerTools, PlannerToolsOptions, PlannerToolResult } from "./planner-tools";
