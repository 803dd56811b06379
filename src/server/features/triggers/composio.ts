import type { ComposioGateway } from "../../composio";
import { NotConfiguredError } from "../../errors";
import type { PlannerDeps } from "../../deps";

/** The Composio gateway, or a clear PRECONDITION_FAILED when the host did not configure one. */
export function requireComposio(deps: Pick<PlannerDeps, "composio">): ComposioGateway {
  if (!deps.composio) throw new NotConfiguredError("Composio is not configured, so event triggers are not available. Scheduled jobs still work.");
  return deps.composio;
}
