export {
  parseTemplate,
  isValidVariableName,
  VARIABLE_NAME_MAX_LENGTH,
  type TemplateError,
  type TemplateErrorKind,
  type TemplateSegment,
  type TemplateTextSegment,
  type TemplateVariableSegment,
  type TemplateErrorSegment,
} from "./parse";
export { renderTemplate, lookupVariable, type RenderOptions, type RenderedTemplate, type TemplateVariables } from "./render";
export { listTemplateVariables, validateTemplate, type TemplateValidation } from "./validate";
