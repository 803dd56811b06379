"use client";

import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "./theme";

/** Follows `.dark` on <html> (set by the layout's theme script and by this toggle). */
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const isDark = () => document.documentElement.classList.contains("dark");

/** The host chrome's light/dark switch: `.dark` on <html> (shadcn's way), remembered in localStorage. */
export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const toggle = () => {
    const next = !isDark();
    document.documentElement.classList.toggle("dark", next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next ? "dark" : "light");
    } catch {
      // Storage off (private mode): the choice lasts for this page.
    }
  };
  return (
    <button type="button" className="demo-theme-toggle" aria-pressed={dark} onClick={toggle}>
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span> Dark mode
    </button>
  );
}
