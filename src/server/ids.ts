import { ID_PREFIXES } from "../shared/schemas";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A prefixed random id (`job_…`, `trg_…`, `run_…`) with 20 base-62 characters (~119 bits). */
export function newId(kind: keyof typeof ID_PREFIXES): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let body = "";
  // 256 % 62 leaves a slight bias toward the first 8 characters; irrelevant for ids.
  for (const byte of bytes) body += ALPHABET[byte % ALPHABET.length];
  return ID_PREFIXES[kind] + body;
}
