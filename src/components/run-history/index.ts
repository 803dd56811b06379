"use client";

export { RunHistory, type RunHistoryProps } from "./run-history";
export { HistoryDialog, type HistoryDialogProps } from "./history-dialog";
export type { HistoryRun, RunHistoryOwner } from "./types";
