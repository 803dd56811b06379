const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Keyed by the error object: tRPC formats an error (errorFormatter) and reports it (onError) in an order that
// depends on where it was thrown, and both must name the same id.
const ids = new WeakMap<object, string>();

/**
 * The id an internal error is known by, in the answer to the client and in the server log: `err_` and 12
 * random base-62 characters. The same error object (or the error it wraps) always gets the same id.
 */
export function errorIdOf(error: Error): string {
  const cause: unknown = error.cause;
  const known = ids.get(error) ?? (typeof cause === "object" && cause !== null ? ids.get(cause) : undefined);
  if (known) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = "err_";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  ids.set(error, id);
  if (typeof cause === "object" && cause !== null) ids.set(cause, id);
  return id;
}
