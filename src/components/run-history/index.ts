"use client";

export { RunHistory, type RunHistoryProps } from "./run-history";
export { HistoryDialog, preloadHistoryDialog } from "./lazy";
export type { HistoryDialogProps } from "./history-dialog";
export type { HistoryRun, RunHistoryOwner } from "./types";
