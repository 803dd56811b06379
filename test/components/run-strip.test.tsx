import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RunStrip } from "../../src/components";
import type { StripRunItem } from "../../src/components/cards/types";

const run = (n: number, status: StripRunItem["status"]): StripRunItem => ({
  id: `run_${String(n).padStart(20, "0")}`,
  status,
  cause: "schedule",
  createdAt: new Date(Date.UTC(2026, 11, 1, 9, n)).toISOString(),
  startedAt: new Date(Date.UTC(2026, 11, 1, 9, n)).toISOString(),
  finishedAt: new Date(Date.UTC(2026, 11, 1, 9, n, 30)).toISOString(),

});

function strip(runs: StripRunItem[] | undefined) {
  const { container } = render(<RunStrip runs={runs} />);
  const element = container.querySelector('[data-slot="planner-run-strip"]')!;
  const places = element.querySelector<HTMLElement>(".planner-run-places");
  return { element, bars: [...element.querySelectorAll(".planner-run-bar")], places };
}

describe("RunStrip", () => {
  it("draws the places of runs not made yet as one element spanning them, the runs as bars, oldest first", () => {
    const { element, bars, places } = strip([run(3, "failed"), run(2, "succeeded"), run(1, "succeeded")]);
    expect(bars.map((bar) => bar.getAttribute("data-status"))).toEqual(["succeeded", "succeeded", "failed"]);
    expect(places?.style.gridColumn).toBe("span 17");
    expect(places?.style.getPropertyValue("--planner-run-places")).toBe("17");
    expect(element.firstElementChild).toBe(places);
    expect(element.getAttribute("aria-label")).toMatch(/3/);
  });

  it("is one element for an item that never ran, and has no places once 20 runs fill it", () => {
    const never = strip([]);
    expect(never.bars).toHaveLength(0);
    expect(never.places?.style.gridColumn).toBe("span 20");
    const full = strip(Array.from({ length: 25 }, (_, n) => run(25 - n, "succeeded")));
    expect(full.bars).toHaveLength(20);
    expect(full.places).toBeNull();
  });

  it("pulses 20 placeholder bars while the runs are not known yet", () => {
    const loading = strip(undefined);
    expect(loading.element.hasAttribute("data-loading")).toBe(true);
    expect(loading.bars).toHaveLength(20);
  });
});
