import { z } from "zod";

/**
 * What Composio issues as app (toolkit) slugs, event (trigger type) slugs and account ids: `gmail`,
 * `GMAIL_NEW_GMAIL_MESSAGE`, `ca_…`. Nothing else is sent on: Composio's list filters are comma-joined
 * (`toolkit_slugs=gmail,slack`), so a comma in one value would widen a query to other apps or accounts.
 */
export const COMPOSIO_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A Composio slug or id field: trimmed, required, `max` characters at most, letters, digits, `_` and `-` only. */
export function composioName(what: { required: string; invalid: string }, max: number) {
  return z
    .string({ error: what.required })
    .trim()
    .min(1, { error: what.required, abort: true })
    .max(max, { error: `${what.invalid}: it is longer than ${max} characters.` })
    .regex(COMPOSIO_NAME_PATTERN, { error: `${what.invalid}: only letters, digits, "_" and "-".` });
}
