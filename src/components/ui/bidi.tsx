"use client";

import { Fragment } from "react";

const SLOT = "\u0000";

/**
 * A sentence from a label function with the user's text in it — `labels.cards.deleteTitle(name)` — with that text
 * isolated in a `<bdi>`: bidi controls (an unclosed right-to-left override) or zero-width characters in a name
 * cannot reorder or hide the words around it. The text content is the label's own (a `<bdi>` adds no characters),
 * so the sentence reads and is found as before.
 */
export function Isolated({ text, value }: { text: (value: string) => string; value: string }) {
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
