"use client";

export { CronPicker, type CronPickerProps } from "./cron-picker";
export { TimezoneCombobox, type TimezoneComboboxProps } from "./timezone-combobox";
export { useSchedulePreview, useSettledSchedule, type ScheduleValue } from "./use-schedule-preview";
