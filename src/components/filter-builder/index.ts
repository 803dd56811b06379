"use client";

export { FilterBuilder, type FilterBuilderProps } from "./filter-builder";
export type { FilterRowErrors } from "./filter-row";
export { decodeConditionValue, encodeConditionValue, parseFiltersJson, stringifyFilters, type FilterBuilderValue } from "./value-codec";
