"use client";

/**
 * Where focus returns when a dialog closes. A dialog is often opened from something that is gone by the time it
 * closes (a menu item of a card's kebab menu), and a dialog the panel unmounts never gets Radix's close focus; so
 * the page's recent focus targets outside dialogs and menus are remembered, and on close the most recent one still
 * on the page gets focus back (the menu's button when the item is gone), instead of the top of the page.
 */

const HISTORY = 8;
let recent: HTMLElement[] = [];
let listening = false;

/** Inside a dialog, an alert dialog, a menu or a popover: not where focus should come back to. */
function isTransient(element: Element): boolean {
  return element.closest("[role=dialog], [role=alertdialog], [role=menu], [role=listbox], [data-radix-popper-content-wrapper]") !== null;
}

function onFocusIn(event: FocusEvent) {
  const target = event.target;
  if (!(target instanceof HTMLElement) || target === document.body) return;
  recent = [target, ...recent.filter((element) => element !== target)].slice(0, HISTORY);
}

function listen() {
  if (listening || typeof document === "undefined") return;
  listening = true;
  document.addEventListener("focusin", onFocusIn, true);
}

// Listening starts as soon as a dialog module loads, so the opener of the first dialog is known too.
listen();

/** The candidates to return focus to, most recent first, taken when a dialog opens. */
export function rememberOpener(): HTMLElement[] {
  listen();
  const active = typeof document === "undefined" ? null : document.activeElement;
  const list = active instanceof HTMLElement && active !== document.body ? [active, ...recent.filter((e) => e !== active)] : [...recent];
  return list.filter((element) => !isTransient(element));
}

/** Focuses the first candidate still on the page and focusable (after Radix's own focus handling has run). */
export function restoreFocus(candidates: readonly HTMLElement[]): void {
  if (typeof window === "undefined") return;
  const focus = () => {
    for (const element of candidates) {
      if (!element.isConnected || element.closest("[inert], [hidden]") || (element as HTMLButtonElement).disabled) continue;
      element.focus();
      if (document.activeElement === element) return;
    }
  };
  focus();
  // Radix moves focus on unmount in a timer of its own; come after it.
  window.setTimeout(() => window.setTimeout(focus, 0), 0);
}
