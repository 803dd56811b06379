import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList } from "../../src/components";
import { IconSprite, SpriteIcon } from "../../src/components/ui/icon-sprite";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

describe("The cards' icon sprite", () => {
  it("draws each icon once per list; every card's icon refers to a symbol of that list", async () => {
    const harness = createPlannerHarness();
    for (const name of ["Alpha", "Bravo", "Charlie"]) await harness.caller().jobs.create(dailyJob(name));
    const { container } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    expect(await screen.findAllByRole("article")).toHaveLength(3);
    const sprites = container.querySelectorAll('[data-slot="planner-icon-sprite"]');
    expect(sprites).toHaveLength(1);
    const uses = [...container.querySelectorAll("article use")];
    // Per card: its kind's icon, the kebab, the schedule's clock and the action's icon.
    expect(uses.length).toBe(3 * 4);
    for (const use of uses) {
      const target = use.getAttribute("href")!;
      expect(target.startsWith("#")).toBe(true);
      const symbol = sprites[0]!.querySelector(`symbol[id="${CSS.escape(target.slice(1))}"]`);
      expect(symbol?.querySelector("path, circle")).not.toBeNull();
    }
    expect(container.querySelector("article svg.lucide-clock use")).not.toBeNull();
  });

  it("draws the icon itself outside a sprite (a card on its own), with the same classes", () => {
    const { container } = render(
      <>
        <SpriteIcon name="clock" />
        <IconSprite>
          <SpriteIcon name="clock" />
        </IconSprite>
      </>,
    );
    const [alone, referenced] = [...container.querySelectorAll("svg.lucide-clock")].filter((svg) => !svg.closest("symbol"));
    expect(alone?.querySelector("use")).toBeNull();
    expect(alone?.querySelector("circle")).not.toBeNull();
    expect(referenced?.querySelector("use")).not.toBeNull();
    expect(referenced?.getAttribute("aria-hidden")).toBe("true");
  });
});
