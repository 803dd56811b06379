/** The host's agent modal tabs; Planner, Chats, Workflow runs and Settings (its Connections page) are live in the demo. */
export const TABS = [
  { id: "overview", label: "Overview", live: false },
  { id: "chats", label: "Chats", live: true },
  { id: "workflow-runs", label: "Workflow runs", live: true },
  { id: "planner", label: "Planner", live: true },
  { id: "knowledge", label: "Knowledge", live: false },
  { id: "settings", label: "Settings", live: true },
] as const;

export type TabId = (typeof TABS)[number]["id"];
export const isTab = (value: string): value is TabId => TABS.some((t) => t.id === value);
