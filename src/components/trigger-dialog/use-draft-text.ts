"use client";

import { useState } from "react";

/**
 * Text typed into a box that edits a structured value (a list, JSON): kept as typed while it reads back as the
 * same value, re-derived from the value when that changes from outside (a reset, a reload).
 *
 * @example
 * const [text, setText] = useDraftText(list, (items) => items.join("\n"));
 * <Textarea value={text} onChange={(e) => { const next = parse(e.target.value); setText(e.target.value, next); onChange(next); }} />
 */
export function useDraftText<T>(value: T, encode: (value: T) => string): [string, (text: string, value: T) => void] {
  const encoded = encode(value);
  const [draft, setDraft] = useState({ text: encoded, basis: encoded });
  let text = draft.text;
  if (draft.basis !== encoded) {
    text = encoded;
    setDraft({ text, basis: encoded });
  }
  return [text, (next, nextValue) => setDraft({ text: next, basis: encode(nextValue) })];
}
