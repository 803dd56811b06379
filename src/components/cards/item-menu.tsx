"use client";

import { HistoryIcon, PauseIcon, PencilIcon, PlayIcon, SendIcon, Trash2Icon, ZapIcon } from "lucide-react";
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useLabels } from "../../client/settings";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "../ui/alert-dialog";
import { Button } from "../ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "../ui/dropdown-menu";
import { Isolated } from "../ui/bidi";
import { SpriteIcon } from "../ui/icon-sprite";

export interface ItemMenuProps {
  kind: "job" | "trigger";
  name: string;
  enabled: boolean;
  onEdit?: (() => void) | undefined;
  onPause: () => void;
  onResume: () => void;
  /** Run now (job) or Send test event (trigger). */
  onRun: () => void;
  onHistory: () => void;
  onDelete: () => void;
  /** Disables "Run now" while a request is in flight. */
  runDisabled?: boolean | undefined;
}

/** The kebab menu of a card; Delete asks first, naming the item. */
export function ItemMenu({ kind, name, enabled, onEdit, onPause, onResume, onRun, onHistory, onDelete, runDisabled }: ItemMenuProps) {
  const labels = useLabels();
  const [confirming, setConfirming] = useState(false);
  const [open, setOpen] = useState(false);
  // The menu's content and the confirmation are mounted from the first time they open (and kept, so they close with
  // their animation): a panel of hundreds of cards otherwise builds hundreds of closed menus and dialogs it never shows.
  const [menuUsed, setMenuUsed] = useState(false);
  const [confirmUsed, setConfirmUsed] = useState(false);
  const openedByKeyboard = useRef(false);
  // Opened from the keyboard before Radix's menu existed, the menu could not see the key (it focuses the first item
  // only for keys it saw): when it focuses itself, the focus moves on to the first item.
  const contentRef = useCallback((node: HTMLDivElement | null) => {
    if (!node || !openedByKeyboard.current) return;
    openedByKeyboard.current = false;
    node.addEventListener("focus", () => node.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus(), { once: true });
  }, []);
  const openMenu = (next: boolean) => {
    if (next) setMenuUsed(true);
    setOpen(next);
  };
  const actionsLabel = labels.cards.actionsFor(name);
  if (!menuUsed) {
    // Until it is first used the menu is only its button (a panel of hundreds of cards renders no menus); the first
    // press opens it as Radix's trigger would: a primary pointer press, or Enter, Space or ArrowDown.
    const press = (event: PointerEvent<HTMLButtonElement>) => {
      if (event.button !== 0 || event.ctrlKey) return;
      event.preventDefault();
      openMenu(true);
    };
    const key = (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key !== "Enter" && event.key !== " " && event.key !== "ArrowDown") return;
      event.preventDefault();
      openedByKeyboard.current = true;
      openMenu(true);
    };
    return (
      <Button
        variant="ghost"
        size="icon"
        className="planner-kebab"
        aria-label={actionsLabel}
        aria-haspopup="menu"
        aria-expanded={false}
        data-state="closed"
        data-slot="planner-dropdown-menu-trigger"
        onPointerDown={press}
        onKeyDown={key}
      >
        <SpriteIcon name="more-vertical" />
      </Button>
    );
  }
  return (
    <>
      <DropdownMenu open={open} onOpenChange={openMenu}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="planner-kebab" aria-label={actionsLabel}>
            <SpriteIcon name="more-vertical" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent ref={contentRef}>
          {onEdit ? (
            <DropdownMenuItem onSelect={onEdit}>
              <PencilIcon aria-hidden="true" />
              {labels.common.edit}
            </DropdownMenuItem>
          ) : null}
          {enabled ? (
            <DropdownMenuItem onSelect={onPause}>
              <PauseIcon aria-hidden="true" />
              {labels.cards.pause}
            </DropdownMenuItem>
          ) : (
            <DropdownMenuItem onSelect={onResume}>
              <PlayIcon aria-hidden="true" />
              {labels.cards.resume}
            </DropdownMenuItem>
          )}
          <DropdownMenuItem onSelect={onRun} disabled={runDisabled ?? false}>
            {kind === "job" ? <ZapIcon aria-hidden="true" /> : <SendIcon aria-hidden="true" />}
            {kind === "job" ? labels.cards.runNow : labels.cards.sendTestEvent}
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={onHistory}>
            <HistoryIcon aria-hidden="true" />
            {labels.cards.history}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem
            variant="destructive"
            onSelect={() => {
              setConfirmUsed(true);
              setConfirming(true);
            }}
          >
            <Trash2Icon aria-hidden="true" />
            {labels.common.delete}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {confirmUsed || confirming ? (
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>
              <Isolated text={labels.cards.deleteTitle} value={name} />
            </AlertDialogTitle>
            <AlertDialogDescription>{kind === "job" ? labels.cards.deleteJobDescription : labels.cards.deleteTriggerDescription}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{labels.common.cancel}</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={onDelete}>
              {labels.cards.deleteConfirm}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      ) : null}
    </>
  );
}
