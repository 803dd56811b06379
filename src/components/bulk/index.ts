export { BulkSelectionProvider, useBulkSelection, type BulkSelection, type BulkEntry, type BulkKind } from "./selection";
export { SelectItemCheckbox, SelectAllCheckbox } from "./select-checkbox";
export { BulkBar } from "./bulk-bar";
export { BulkAgentMenu } from "./agent-menu";
export { BulkReport, type BulkReportState } from "./bulk-report";
