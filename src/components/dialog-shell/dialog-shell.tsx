"use client";

import { XIcon } from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { useAnnounce } from "../cards/announcer";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  cn,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "../ui";
import { rememberOpener, restoreFocus } from "./focus-return";

interface DialogShellContextValue {
  /** The form reports whether it holds unsaved changes (closing then asks first). */
  setDirty: (dirty: boolean) => void;
  /** Close as the user asked (Cancel, ×, Escape): asks "Discard changes?" first when there are unsaved changes. */
  requestClose: () => void;
  /** After a successful create or save: closes without asking and tells the user (and the host's toasts). */
  closeSaved: (kind: "created" | "saved", name: string) => void;
}

const DialogShellContext = createContext<DialogShellContextValue | null>(null);

/** The enclosing dialog shell's controls; outside one, closing does nothing. */
export function useDialogShell(): DialogShellContextValue {
  return useContext(DialogShellContext) ?? { setDirty: () => undefined, requestClose: () => undefined, closeSaved: () => undefined };
}

export interface DialogShellProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  className?: string | undefined;
  /** `data-slot` of the dialog (`planner-job-dialog`, `planner-trigger-dialog`). */
  slot: string;
  /** The body and the footer (a `DialogForm` or `DialogBody` + `DialogFormFooter`). */
  children: ReactNode;
}

/**
 * One dialog shell for the job and trigger dialogs: the header (title, one line of help, the close button), the
 * body the form brings (it scrolls, the footer stays), and the closing rules both share:
 * - Escape, the × button, a click outside and Cancel close an untouched dialog at once, and ask "Discard changes?"
 *   (an alert dialog) when the form reported unsaved changes;
 * - a successful create or save closes the dialog and announces it (`closeSaved`), the same for both dialogs;
 * - when it closes, focus goes back to the element that opened it (or the nearest still on the page), not to the
 *   top of the page.
 */
export function DialogShell({ open, onOpenChange, title, description, className, slot, children }: DialogShellProps) {
  const labels = useLabels();
  const text = labels.dialogs;
  const announce = useAnnounce();
  const dirty = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLElement[]>([]);
  const wasOpen = useRef(false);
  // Before Radix moves focus into the dialog (its effect runs after layout effects): who opened it.
  useLayoutEffect(() => {
    if (open && !wasOpen.current) opener.current = rememberOpener();
    wasOpen.current = open;
  }, [open]);
  // Unmounted while open (the panel drops a closed dialog): focus still goes back to the opener.
  useEffect(() => {
    const candidates = opener;
    const openNow = wasOpen;
    return () => {
      if (openNow.current) restoreFocus(candidates.current);
    };
  }, []);

  const close = useCallback(() => {
    dirty.current = false;
    setConfirming(false);
    onOpenChange(false);
  }, [onOpenChange]);
  const requestClose = useCallback(() => {
    if (dirty.current) setConfirming(true);
    else close();
  }, [close]);
  const closeSaved = useCallback(
    (kind: "created" | "saved", name: string) => {
      close();
      announce(kind === "created" ? text.created(name) : text.saved(name));
    },
    [announce, close, text],
  );
  const value = useMemo<DialogShellContextValue>(() => ({ setDirty: (next) => void (dirty.current = next), requestClose, closeSaved }), [requestClose, closeSaved]);

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : requestClose())}>
      <DialogContent
        size="lg"
        showClose={false}
        className={cn(className)}
        data-slot={slot}
        onEscapeKeyDown={(event) => {
          if (!dirty.current) return;
          event.preventDefault();
          setConfirming(true);
        }}
        onInteractOutside={(event) => {
          if (!dirty.current) return;
          event.preventDefault();
          setConfirming(true);
        }}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          restoreFocus(opener.current);
        }}
      >
        <DialogShellContext.Provider value={value}>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          {children}
          <button type="button" className="planner-dialog-close" aria-label={labels.common.close} onClick={requestClose}>
            <XIcon aria-hidden="true" />
          </button>
        </DialogShellContext.Provider>
        <AlertDialog open={confirming} onOpenChange={setConfirming}>
          <AlertDialogContent data-slot="planner-discard-dialog">
            <AlertDialogHeader>
              <AlertDialogTitle>{text.discardTitle}</AlertDialogTitle>
              <AlertDialogDescription>{text.discardDescription}</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>{text.keepEditing}</AlertDialogCancel>
              <AlertDialogAction variant="destructive" onClick={close}>
                {text.discardConfirm}
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </DialogContent>
    </Dialog>
  );
}
