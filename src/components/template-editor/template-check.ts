"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePlanner } from "../../client/trpc";
import type { NameValueRow, VariablesInput } from "../../shared/schemas";
import { validateTemplate, type TemplateValidation } from "../../shared/template";
import type { CatalogVariable } from "./variable-groups";

/**
 * `catalog.variables` for a template's source, shared by the editor and the dialogs' footers. A job's samples follow
 * the schedule being edited; its previous answer stays while the next loads (same names, other sample times), so the
 * palette and the preview never blink. A trigger's variables change with the event type, so nothing is carried over.
 */
export function useVariableCatalog(source: VariablesInput | null) {
  const trpc = usePlanner();
  const input: VariablesInput = source ?? { kind: "job", agentId: "" };
  return useQuery({
    ...trpc.catalog.variables.queryOptions(input, input.kind === "job" ? { placeholderData: keepPreviousData } : {}),
    enabled: source !== null,
  });
}

/** The catalog's variables the editor offers: a Custom group from the catalog gives way to the form's own rows. */
export function offeredVariables(catalog: readonly CatalogVariable[] | undefined, editsCustom: boolean): CatalogVariable[] {
  return (catalog ?? []).filter((variable) => !(editsCustom && variable.group === "custom"));
}

/** Every name a template may use: the offered variables and the form's custom rows. */
export function knownNames(variables: readonly CatalogVariable[], customRows: readonly NameValueRow[] | undefined): string[] {
  const custom = (customRows ?? []).map((row) => row.name.trim()).filter(Boolean);
  return [...variables.map((variable) => variable.name), ...custom];
}

/** The distinct unknown names of a validation, in the order they appear. */
export function unknownNamesOf(validation: TemplateValidation): string[] {
  return [...new Set(validation.errors.flatMap((error) => (error.kind === "unknown" && error.name ? [error.name] : [])))];
}

/**
 * The unknown variables of a template, for a dialog's footer: a run would leave each one empty, so the dialogs
 * name them and do not save until they are fixed. Empty while the catalog loads (nothing is known to be wrong yet).
 *
 * @example
 * const unknown = useUnknownVariables(template, { kind: "job", agentId }, customRows); // ["dayOfWek"]
 */
export function useUnknownVariables(template: string, source: VariablesInput | null, customRows?: readonly NameValueRow[]): string[] {
  const catalog = useVariableCatalog(source);
  if (!catalog.data || !template.includes("{")) return [];
  const variables = offeredVariables(catalog.data, customRows !== undefined);
  return unknownNamesOf(validateTemplate(template, knownNames(variables, customRows)));
}
