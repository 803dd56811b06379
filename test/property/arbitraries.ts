import fc from "fast-check";

/** Keys a hostile client likes: prototype names, empty, huge, unicode. */
const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", " ", "agentId", "id", "then"),
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 200, maxLength: 400 }),
);

const hostileScalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER, "", "agent-1", "../etc/passwd", "0 9 * * 1", "Mars/Olympus", "{agentName}", "{{", "}"),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ minLength: 5_000, maxLength: 20_000 }).map((s) => s.slice(0, 20_000)),
);

/** Any JSON value, with hostile keys and scalars, a few levels deep (and now and then very deep). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, hostileScalar, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 5 }),
    object: fc.dictionary(hostileKey, tie("value"), { maxKeys: 6 }),
  })).value },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).map((depth) => {
    let value: unknown = "deep";
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  }) },
);

const agentId = fc.constantFrom("agent-1", "agent-1", "agent-2", "agent-other", "", "../x", "a".repeat(200), "__proto__");
const cron = fc.oneof(fc.constantFrom("0 9 * * 1", "*/5 * * * *", "0 0 29 2 *", "* * * * *", "0 25 * * *", "", "@daily", "0 9 * * MON-FRI"), fc.string({ maxLength: 30 }));
const timezone = fc.oneof(fc.constantFrom("Europe/Paris", "UTC", "America/New_York", "Mars/Olympus", "", "Etc/GMT+14"), fc.string({ maxLength: 20 }));

/**
 * Inputs shaped like the router's (agent, ids, schedules, actions, triggers, pages) with values often valid and
 * often not, so a good share of the calls pass validation and reach the handlers.
 */
export function validish(jobId: string): fc.Arbitrary<unknown> {
  const id = fc.oneof(fc.constant(jobId), fc.constantFrom("job_doesnotexist1", "trg_doesnotexist1", "run_doesnotexist1", ""), fc.string({ maxLength: 20 }));
  const schedule = fc.record({ cron, timezone }, { requiredKeys: [] });
  const action = fc.oneof(
    fc.record({ type: fc.constant("chat"), template: fc.oneof(fc.constantFrom("Hi {agentName}", "{nope}", "", "{{}}"), fc.string({ maxLength: 60 })) }),
    fc.record({ type: fc.constant("workflow"), workflowId: fc.constantFrom("wf_triage", "", "missing"), input: hostileValue }, { requiredKeys: ["type"] }),
    hostileValue,
  );
  return fc.record(
    {
      agentId,
      id,
      jobId: id,
      triggerId: id,
      name: fc.oneof(fc.constantFrom("Digest", "", "  "), fc.string({ maxLength: 120 })),
      schedule,
      action,
      enabled: fc.oneof(fc.boolean(), hostileValue),
      policy: fc.oneof(fc.record({ misfire: fc.constantFrom("runOnce", "skip", "runAll", "x"), overlap: fc.constantFrom("skip", "allow", "x") }), hostileValue),
      variables: fc.oneof(fc.dictionary(hostileKey, fc.string({ maxLength: 20 }), { maxKeys: 4 }), hostileValue),
      source: fc.oneof(fc.record({ toolkit: fc.constantFrom("gmail", "slack", ""), triggerSlug: fc.constantFrom("GMAIL_NEW_GMAIL_MESSAGE", "X"), config: hostileValue }), hostileValue),
      filters: hostileValue,
      cron,
      timezone,
      count: fc.oneof(fc.integer({ min: -5, max: 200 }), hostileValue),
      cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })),
      limit: fc.oneof(fc.integer({ min: -5, max: 500 }), hostileValue),
      status: fc.oneof(fc.array(fc.constantFrom("queued", "running", "succeeded", "failed", "skipped", "nope")), hostileValue),
      slug: fc.constantFrom("GMAIL_NEW_GMAIL_MESSAGE", "", "x"),
      toolkit: fc.constantFrom("gmail", "", "x"),
      reason: fc.string({ maxLength: 50 }),
      payload: hostileValue,
      revision: fc.oneof(fc.integer({ min: -2, max: 5 }), hostileValue),
    },
    { requiredKeys: ["agentId"] },
  );
}

/** A counterexample as short text: fast-check's own printer recurses and overflows the stack on the deep values. */
function summarise(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
    return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
  } catch (error) {
    return `(not printable: ${String(error)})`;
  }
}

/**
 * `fc.assert` options for properties over `hostileValue`: the failure report names the seed, the error and a
 * bounded summary of the counterexample (replay with `{ seed, path }`).
 */
export function hostileRuns<Ts extends unknown[]>(numRuns: number): fc.Parameters<Ts> {
  return {
    numRuns,
    reporter(details) {
      if (!details.failed) return;
      const cause = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
      throw new Error(
        `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath ?? ""}").\nCounterexample: ${summarise(details.counterexample)}\n${cause}`,
      );
    },
  };
}
