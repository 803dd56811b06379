import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

/**
 * A card renders no Radix tooltip and no Radix menu until they are wanted (a panel of hundreds of cards renders none),
 * and behaves as if it had them from the start.
 */
describe("Cards: tooltip and menu mounted when first wanted", () => {
  it("the title's tooltip shows the whole name on hover and on keyboard focus, without replacing the title", async () => {
    const harness = createPlannerHarness();
    const name = "Weekly pipeline review with a rather long name that will not fit";
    await harness.caller().jobs.create(dailyJob(name));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} onEdit={() => undefined} />, { harness });
    const title = await screen.findByRole("button", { name });
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
    expect(document.querySelector(".planner-tooltip-anchor")).toBeNull();

    await user.hover(title);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(name);
    // The same element: focus and clicks on it are never disturbed.
    expect(screen.getByRole("button", { name })).toBe(title);
    await user.unhover(title);
    await waitFor(() => expect(screen.queryByRole("tooltip")).not.toBeInTheDocument());

    // From the keyboard: Tab onto the title shows it at once; Escape closes it.
    title.blur();
    await user.keyboard("{Shift>}{Tab}{/Shift}");
    await user.tab();
    await user.tab();
    expect(title).toHaveFocus();
    expect(await screen.findByRole("tooltip")).toHaveTextContent(name);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("tooltip")).not.toBeInTheDocument());
    expect(title).toHaveFocus();
  });

  it("the card's menu is only its button until pressed; a click opens it, Escape returns focus to the button", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const kebab = await screen.findByRole("button", { name: "Actions for Morning digest" });
    expect(kebab).toHaveAttribute("aria-haspopup", "menu");
    expect(kebab).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();

    await user.click(kebab);
    const menu = within(await screen.findByRole("menu"));
    expect(menu.getByRole("menuitem", { name: "Pause" })).toBeInTheDocument();
    // (The open menu hides the rest of the page from assistive technology, hence `hidden`.)
    expect(screen.getByRole("button", { name: "Actions for Morning digest", hidden: true })).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Actions for Morning digest" })).toHaveFocus();

    // Opened again, it is Radix's menu as before.
    await user.click(screen.getByRole("button", { name: "Actions for Morning digest" }));
    expect(await screen.findByRole("menu")).toBeInTheDocument();
  });

  it("Enter on the menu's button opens it with the first item focused, as a keyboard user expects", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const kebab = await screen.findByRole("button", { name: "Actions for Morning digest" });
    kebab.focus();
    await user.keyboard("{Enter}");
    const menu = await screen.findByRole("menu");
    await waitFor(() => expect(within(menu).getByRole("menuitem", { name: "Pause" })).toHaveFocus());
    await user.keyboard("{ArrowDown}");
    expect(within(menu).getByRole("menuitem", { name: "Run now" })).toHaveFocus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.getByRole("button", { name: "Actions for Morning digest" })).toHaveFocus());
  });
});
