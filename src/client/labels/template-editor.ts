"use client";

/** The template editor (chat message with `{variables}`). */
export const templateEditorLabels = {
  placeholder: "Write the message the agent receives, e.g. Good {timeOfDay}! Summarise my inbox for {date}.",
  /** A trigger's template: only names every trigger has (no {date} or {timeOfDay}: an event has no schedule). */
  placeholderTrigger: "Write the message the agent receives, e.g. {triggerName}: a new {eventType} arrived. Summarise it: {eventData}",
  variablesUsed: (count: number) => (count === 1 ? "1 variable used" : `${count} variables used`),
  palette: "Variables",
  paletteHint: "Click a variable to insert it at the cursor.",
  insert: (name: string) => `Insert {${name}}`,
  groups: { system: "System", job: "Job", trigger: "Trigger", event: "Event", custom: "Custom" },
  customEmpty: "No custom variables yet.",
  customName: "Variable name",
  customValue: "Value",
  customNameOf: (index: number) => `Name of custom variable ${index + 1}`,
  customValueOf: (name: string) => (name ? `Value of ${name}` : "Value of the new variable"),
  removeCustom: (name: string) => (name ? `Remove ${name}` : "Remove this variable"),
  addCustom: "Add custom variable",
  /** The one-click fix next to an unknown name. */
  addUnknown: (name: string) => `Add {${name}} as a custom variable`,
  preview: "Preview",
  previewEmpty: "The preview appears here as you write.",
  previewNote: "Sample values are shown here; real values are filled in at run time.",
  problemAt: (line: number, column: number, message: string) => `Line ${line}, column ${column}: ${message}`,
  mustacheHint: (example: string) =>
    `${example} keeps the braces in the message. Use single braces, like {${example.slice(2, -2).trim()}}, to insert a variable.`,
  loadingVariables: "Loading variables…",
  /** The dialogs' footer: names the unknown variables, which keep the job or trigger from being saved. */
  unknownVariables: (names: readonly string[]) =>
    `${names.length === 1 ? "1 unknown variable" : `${names.length} unknown variables`}: ${names.map((name) => `{${name}}`).join(", ")} — a run would leave ${names.length === 1 ? "it" : "them"} empty. Fix the name or add it as a variable.`,
};
