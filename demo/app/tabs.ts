/** The host's agent modal tabs; only Planner, Chats and Workflow runs are live in the demo. */
export const TABS = [
  { id: "overview", label: "Overview", live: false },
  { id: "chats", label: "Chats", live: true },
  { id: "workflow-runs", label: "Workflow runs", live: true },
  { id: "planner", label: "Planner", live: true },
  { id: "knowledge", label: "Knowledge", live: false },
  { id: "settings", label: "Settings", live: false },
] as const;

export type TabId = (typeof TABS)[number]["id"];
export const isTab = (value: string): value is TabId => TABS.some((t) => t.id === value);
