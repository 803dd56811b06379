"use client";

import { lazyDialog } from "../lazy-dialog";
import type { TriggerDialogProps } from "./trigger-dialog";

const lazyTriggerDialog = lazyDialog<TriggerDialogProps>(
  () => import("./trigger-dialog").then((module) => module.TriggerDialog),
);

/**
 * Create or edit an event trigger: the app and its event, the event's settings, optional filters, the action,
 * a preview on a sample event, then save and send a test event. Its code loads the first time it opens (or on
 * {@link preloadTriggerDialog}); nothing is shown until it is there.
 *
 * @example
 * ```tsx
 * <TriggerDialog agentId={agent.id} open={open} onOpenChange={setOpen} />
 * <TriggerDialog agentId={agent.id} trigger={trigger} open={editing} onOpenChange={setEditing} />
 * ```
 */
export const TriggerDialog = lazyTriggerDialog.Dialog;
/** Starts fetching the trigger dialog's code, e.g. when the pointer reaches the button that opens it. */
export const preloadTriggerDialog = lazyTriggerDialog.preload;
