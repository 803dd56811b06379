"use client";

import type { ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { Tooltip, TooltipContent, TooltipTrigger } from "../ui";
import { depthOf, SOURCE_ORDER, sourceOf, type CatalogVariable, type VariableSource } from "./variable-groups";

export interface VariablePaletteProps {
  variables: readonly CatalogVariable[];
  onInsert: (name: string) => void;
  /** The Custom group's body (the job's own variables); without it, no Custom group. */
  custom?: ReactNode | undefined;
  loading?: boolean | undefined;
  /** Whose template it is: a trigger's names go under "Trigger", a job's under "Job". */
  kind?: "job" | "trigger" | undefined;
}

/** The variables a template can use, grouped by where their values come from; a click inserts one. */
export function VariablePalette({ variables, onInsert, custom, loading, kind = "job" }: VariablePaletteProps) {
  const labels = useLabels().templateEditor;
  const groups = new Map<VariableSource, CatalogVariable[]>();
  for (const variable of variables) {
    const source = sourceOf(variable, kind);
    if (source === "custom") continue;
    groups.set(source, [...(groups.get(source) ?? []), variable]);
  }
  return (
    <section className="planner-template-palette" data-slot="planner-variable-palette" aria-label={labels.palette}>
      <div className="planner-template-palette-header">
        <h4 className="planner-template-heading">{labels.palette}</h4>
        <p className="planner-field-hint">{labels.paletteHint}</p>
      </div>
      {loading ? <p className="planner-field-hint">{labels.loadingVariables}</p> : null}
      {SOURCE_ORDER.map((source) => {
        const items = groups.get(source);
        if (source === "custom" ? custom === undefined : !items?.length) return null;
        return (
          <div key={source} role="group" aria-label={labels.groups[source]} className="planner-template-group">
            <h5 className="planner-template-group-title">{labels.groups[source]}</h5>
            {source === "custom" ? (
              custom
            ) : (
              <ul className="planner-template-chips">
                {items?.map((variable) => (
                  <li key={variable.name} style={{ paddingLeft: `${Math.min(depthOf(variable.name), 4) * 0.75}rem` }}>
                    <Tooltip>
                      <TooltipTrigger asChild>
                        <button
                          type="button"
                          className="planner-template-chip-button"
                          aria-label={labels.insert(variable.name)}
                          aria-description={variable.description}
                          onClick={() => onInsert(variable.name)}
                        >
                          {`{${variable.name}}`}
                        </button>
                      </TooltipTrigger>
                      <TooltipContent>{variable.description}</TooltipContent>
                    </Tooltip>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}
