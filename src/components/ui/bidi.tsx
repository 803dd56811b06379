"use client";

import { Fragment } from "react";

const SLOT = "\u0000";

/** Bidi controls and marks, zero-width characters, and right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…). */
const NEEDS_ISOLATION = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/u;

/** Whether text can reorder or hide what is around it (or is right-to-left), so it must be shown isolated. */
export function needsIsolation(text: string): boolean {
  return NEEDS_ISOLATION.test(text);
}

/**
 * A sentence from a label function with the user's text in it — `labels.cards.deleteTitle(name)` — with that text
 * isolated in a `<bdi>`: bidi controls (an unclosed right-to-left override) or zero-width characters in a name
 * cannot reorder or hide the words around it. The text content is the label's own (a `<bdi>` adds no characters);
 * plain left-to-right text needs no isolation and is left as one text node.
 */
export function Isolated({ text, value }: { text: (value: string) => string; value: string }) {
  if (!needsIsolation(value)) return <>{text(value)}</>;
  const parts = text(SLOT).split(SLOT);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? <bdi>{value}</bdi> : null}
        </Fragment>
      ))}
    </>
  );
}
