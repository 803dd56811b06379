import { SchedulePreviewInput } from "../../../shared/schemas";
import { protectedProcedure, router } from "../../trpc";
import { schedulePreviewHandler } from "./preview.handler";

export const scheduleRouter = router({
  preview: protectedProcedure.input(SchedulePreviewInput).query(schedulePreviewHandler),
});
