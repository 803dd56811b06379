import { createComposioWebhookRoute } from "agent-planner/next";
import { planner } from "@/lib/planner";

export const { POST } = createComposioWebhookRoute({ planner });
