import { TRPCError, type TRPCCombinedDataTransformer } from "@trpc/server";
import superjson, { type SuperJSONResult } from "superjson";
import { toSafeJson } from "../shared/safe-json";
import { NESTED_TOO_DEEPLY_MESSAGE } from "../shared/schemas";

/** superjson applies `meta` annotations recursively; a legitimate client's meta is as deep as its input. */
const MAX_META_DEPTH = 64;

function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function deserializeInput(payload: unknown): unknown {
  const meta = (payload as Partial<SuperJSONResult> | null)?.meta;
  if (meta !== undefined && nestedDeeperThan(meta, MAX_META_DEPTH)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: NESTED_TOO_DEEPLY_MESSAGE });
  }
  // In place: the payload was parsed from this very request. superjson's copy is recursive (a 10,000-deep
  // input would overflow the stack before validation could answer with a sentence), and it silently drops
  // own `__proto__` keys, which validation must see to refuse them by name.
  return superjson.deserialize(payload as SuperJSONResult, { inPlace: true });
}

/**
 * superjson refuses to serialise any object with a `__proto__`, `constructor` or `prototype` key, and
 * recurses once per level. The schemas refuse such input and event data is escaped when it arrives, but a
 * record stored before either (or a host executor's output) must not turn every list that contains it into
 * a 500: such a response is sent with those keys escaped (`constructor` → `constructor_`) instead.
 */
function serializeOutput(value: unknown): SuperJSONResult {
  try {
    return superjson.serialize(value);
  } catch {
    return superjson.serialize(toSafeJson(value).value);
  }
}

/**
 * The planner's wire format: superjson, hardened for hostile input and for stored data superjson refuses.
 * A client may use plain `superjson` as its transformer.
 */
export const plannerTransformer: TRPCCombinedDataTransformer = {
  input: { serialize: (value: unknown) => superjson.serialize(value), deserialize: deserializeInput },
  output: { serialize: serializeOutput, deserialize: (payload: SuperJSONResult) => superjson.deserialize<unknown>(payload) },
};
