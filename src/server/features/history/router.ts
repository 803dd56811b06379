import { EditsInput } from "../../../shared/schemas";
import { agentProcedure, router } from "../../trpc";
import { editsHandler } from "./edits.handler";

export const historyRouter = router({
  /** The edit log of one job or trigger (who, when, what changed, the value before), newest first. */
  edits: agentProcedure.input(EditsInput).query(editsHandler),
});
