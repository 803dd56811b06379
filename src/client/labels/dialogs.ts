"use client";

/** The dialog shell shared by the job and trigger dialogs, and the field mapping of a trigger's workflow input. */
export const dialogsLabels = {
  discardTitle: "Discard changes?",
  discardDescription: "What you changed in this dialog is not saved. Closing it now loses it.",
  discardConfirm: "Discard changes",
  keepEditing: "Keep editing",
  created: (name: string) => `Created "${name}".`,
  saved: (name: string) => `Saved "${name}".`,
  mappingLegend: "Workflow input",
  mappingModeLabel: "What the workflow receives",
  mappingFields: "Map event fields to the workflow's inputs",
  mappingPayload: "Send the whole event",
  mappingHint: "Each input takes a template over the event: type {field} or choose one of the event's fields.",
  insertField: (input: string) => `Insert an event field into ${input}`,
  eventFields: "Event fields",
  noEventFields: "This event declares no fields; use {eventData} for the whole payload.",
};
