"use client";

export { StatusBadge, type ItemStatus, type RunStatus, type StatusBadgeProps } from "./status-badge";
export { RelativeTime, type RelativeTimeProps } from "./relative-time";
export { LiveIndicator, type LiveIndicatorProps } from "./live-indicator";
export { CronPicker, TimezoneCombobox, useSchedulePreview, type CronPickerProps, type ScheduleValue, type TimezoneComboboxProps } from "./cron-picker";
export { TemplateEditor, TemplatePreview, type TemplateEditorProps, type TemplatePreviewProps } from "./template-editor";
export { PlannerPanel, type PlannerPanelDialog, type PlannerPanelProps } from "./panel";
export { Announcer, JobCard, JobList, RunStrip, TriggerCard, TriggerList, useAnnounce, type JobCardProps, type JobItem, type JobListProps, type RunItem, type RunStripProps, type TriggerCardProps, type TriggerItem, type TriggerListProps } from "./cards";
export { BulkAgentMenu, BulkBar, BulkSelectionProvider, SelectAllCheckbox, SelectItemCheckbox, useBulkSelection, type BulkSelection } from "./bulk";
export { HistoryDialog, preloadHistoryDialog, RunHistory, type HistoryDialogProps, type HistoryRun, type RunHistoryOwner, type RunHistoryProps } from "./run-history";
export { TriggerDialog, preloadTriggerDialog, type TriggerDialogProps } from "./trigger-dialog";
export { ProposalCard, ProposalList, type ProposalCardProps, type ProposalItem, type ProposalListProps } from "./proposals";
export { FilterBuilder, type FilterBuilderProps, type FilterBuilderValue } from "./filter-builder";
export { DeliveryLog, TryRecentEvents, VerdictChip, type DeliveryLogProps, type TryRecentEventsProps } from "./deliveries";
export { ActionFields, FormStatus, JobDialog, preloadJobDialog, WorkflowInputForm, inputFieldsOf, inputProblems, type ActionFieldErrors, type ActionFieldsProps, type FormStatusProps, type InputFieldSpec, type JobDialogProps, type WorkflowInputFormProps } from "./job-dialog";
export { ExpectedStrip, type ExpectedStripProps } from "./watch";
export { EditDiff, EditLog, type EditDiffProps, type EditLogProps } from "./edit-log";
