"use client";

import { lazyDialog } from "../lazy-dialog";
import type { HistoryDialogProps } from "./history-dialog";

const lazyHistoryDialog = lazyDialog<HistoryDialogProps>(
  () => import("./history-dialog").then((module) => module.HistoryDialog),
);

/**
 * `RunHistory` in a dialog: "History" in a card's menu, "Open history" in the needs-attention banner. Its code
 * loads the first time it opens (or on {@link preloadHistoryDialog}); nothing is shown until it is there.
 */
export const HistoryDialog = lazyHistoryDialog.Dialog;
/** Starts fetching the history dialog's code. */
export const preloadHistoryDialog = lazyHistoryDialog.preload;
