export { jobVariables, timeOfDay, type JobBuiltinVariable, type JobVariablesInput, type TimeOfDay } from "./job";
export {
  eventVariables,
  EVENT_BUILTIN_VARIABLES,
  type EventBuiltinVariable,
  type EventVariablesInput,
  type TriggerEvent,
} from "./event";
export { EVENT_VARIABLE_ALIASES, eventAliasesFor, type EventAlias, type EventAliasGroup } from "./aliases";
export { variablesFromPayloadSchema, sampleEventData, type PayloadVariable } from "./payload-schema";
export {
  jobVariableCatalog,
  eventVariableCatalog,
  type EventVariableCatalogInput,
  type JobVariableInfo,
  type VariableGroup,
  type VariableInfo,
} from "./catalog";
export {
  sampleEventVariables,
  sampleJobVariables,
  SAMPLE_EVENT_ID,
  type EventSampleInput,
  type SampledJobVariable,
  type SampledVariable,
} from "./samples";
