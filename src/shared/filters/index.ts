export { evaluateCondition, evaluateFilters, matchesFilters } from "./evaluate";
export type { ConditionResult, FilterEvaluation, FilterSet } from "./evaluate";
export { conditionIssue, conditionProblem } from "./validate";
export type { ConditionIssue, ConditionLike } from "./validate";
export {
  MAX_FILTER_LIST_VALUES,
  MAX_FILTER_TEXT_LENGTH,
  MAX_PATTERN_INPUT_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_PATTERN_PROGRAM_SIZE,
  OPERATOR_LABELS,
  OPERATOR_VALUE_KINDS,
  isConditionOperator,
  operatorTakesValue,
} from "./operators";
export type { OperatorValueKind } from "./operators";
export { MAX_FAILED_CONDITIONS, describeCondition, filterVerdict } from "./verdict";
export type { FailedCondition, FilterVerdict } from "./verdict";
