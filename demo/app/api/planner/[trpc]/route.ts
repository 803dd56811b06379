import { createPlannerRoute } from "agent-planner/next";
import { planner } from "@/lib/planner";

export const { GET, POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
