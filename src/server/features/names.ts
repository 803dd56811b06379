import { nameKey } from "../../shared/schemas";
import { ConflictError } from "../errors";

/**
 * Refuses a job or trigger name that another item of the same kind on the agent already has, compared by
 * `nameKey`: names that differ only by invisible characters (zero-width, bidi controls), NFKC-equivalent forms,
 * spacing or case look the same in the panel, so they count as the same name.
 */
export function assertUniqueName(kind: "job" | "trigger", name: string, items: ReadonlyArray<{ id: string; name: string }>, selfId?: string): void {
  const key = nameKey(name);
  const clash = items.find((item) => item.id !== selfId && nameKey(item.name) === key);
  if (clash) {
    throw new ConflictError(
      kind === "job"
        ? `Another scheduled job is already called "${clash.name}". Give this one a different name.`
        : `Another trigger is already called "${clash.name}". Give this one a different name.`,
    );
  }
}
