import { describe, expect, it } from "vitest";
import { checkTarget } from "../../bench/lib/target";

const idle = { loadAverage: 0.3, cores: 2 };
const busy = { loadAverage: 3.1, cores: 2 };

describe("bench target checks", () => {
  it("print a met target with the bound and the number", () => {
    expect(checkTarget({ what: "p95", value: 4.24, bound: "≤", limit: 10, unit: "ms" }, busy)).toBe("met target p95 ≤ 10 ms: 4.2 ms");
  });

  it("explain a miss in words: how far off, the machine's load, and which bound applies", () => {
    expect(checkTarget({ value: 1.4, bound: "≤", limit: 1, unit: "ms" }, busy)).toBe(
      "MISSED target ≤ 1 ms: 1.4 ms (40% over the bound; load 3.1 on 2 cores: more runnable work than cores, so part of the time was spent waiting for a CPU — rerun on an idle machine before reading it as a regression)",
    );
    expect(checkTarget({ what: "100,000 vs 1,000", value: 2.5, bound: "≤", limit: 2, unit: "×", digits: 2, hint: "the bound is growth with the number of jobs" }, idle)).toBe(
      "MISSED target 100,000 vs 1,000 ≤ 2×: 2.50× (25% over the bound; load 0.3 on 2 cores: the machine was mostly idle, so the miss is the code's own cost; the bound is growth with the number of jobs)",
    );
    expect(checkTarget({ what: "throughput", value: 2500, bound: "≥", limit: 3000, unit: "/s", format: (n) => n.toLocaleString("en") }, { loadAverage: 1.2, cores: 2 })).toBe(
      "MISSED target throughput ≥ 3,000/s: 2,500/s (17% under the bound; load 1.2 on 2 cores: the machine was partly busy, so part of the miss may be other work)",
    );
  });

  it("report a miss the number alone does not show", () => {
    expect(checkTarget({ what: "p99", value: 12, bound: "≤", limit: 1000, unit: "ms", digits: 0, missedBecause: "only 9 of 10 runs happened" }, idle)).toBe(
      "MISSED target p99 ≤ 1000 ms: 12 ms (only 9 of 10 runs happened; load 0.3 on 2 cores: the machine was mostly idle, so the miss is the code's own cost)",
    );
  });
});
