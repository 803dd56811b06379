import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { CronPicker } from "../../src/components";
import { rulesMatching } from "../helpers/stylesheet";
import { renderWithPlanner } from "./harness";

function Controlled({ initial = { cron: "0 9 * * *", timezone: "Europe/Paris" } }: { initial?: { cron: string; timezone: string } }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <CronPicker value={value} onChange={setValue} />
      <output aria-label="Value">{`${value.cron} | ${value.timezone}`}</output>
    </>
  );
}

describe("CronPicker", { timeout: 60_000 }, () => {
  it("choosing a preset shows its sentence, the next run and the next 5 runs in both zones", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    await user.click(screen.getByRole("radio", { name: "Weekdays at 9 AM" }));
    expect(screen.getByRole("radio", { name: "Weekdays at 9 AM" })).toBeChecked();
    expect(screen.getByLabelText("Value")).toHaveTextContent("0 9 * * 1-5 | Europe/Paris");
    expect(await screen.findByText("weekdays at 9:00 AM (Europe/Paris)")).toBeInTheDocument();
    // Monday 2026-11-30 09:00 UTC is 10:00 in Paris: the next weekday 09:00 is Tuesday.
    expect(screen.getByText("Tue, Dec 1, 2026, 9:00 AM (Europe/Paris)")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Next 5 runs" }));
    const table = screen.getByRole("table");
    expect(within(table).getByRole("columnheader", { name: "In Europe/Paris" })).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: "Your time (UTC)" })).toBeInTheDocument();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveTextContent("Tue, Dec 1, 2026, 9:00 AM");
    expect(rows[0]).toHaveTextContent("Tue, Dec 1, 2026, 8:00 AM");
    expect(rows[4]).toHaveTextContent("Mon, Dec 7, 2026, 9:00 AM");
  });

  it("marks the hour box with its message when the hour is out of range, and keeps the boxes in sync", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    await user.click(screen.getByRole("tab", { name: "Custom" }));
    const hour = screen.getByRole("textbox", { name: "Hour 0–23" });
    expect(hour).toHaveValue("9");
    await user.clear(hour);
    await user.type(hour, "25");
    expect(screen.getByRole("textbox", { name: "Cron expression" })).toHaveValue("0 25 * * *");
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Hour 0–23" })).toBeInvalid());
    expect(screen.getByRole("textbox", { name: "Hour 0–23" })).toHaveAccessibleDescription("Hour must be between 0 and 23, got 25.");
    expect(screen.getByRole("textbox", { name: "Minute 0–59" })).toBeValid();

    const expression = screen.getByRole("textbox", { name: "Cron expression" });
    await user.clear(expression);
    await user.type(expression, "*/15 8-18 * * 1-5");
    expect(screen.getByRole("textbox", { name: "Minute 0–59" })).toHaveValue("*/15");
    expect(screen.getByRole("textbox", { name: "Day of week 0–6" })).toHaveValue("1-5");
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Hour 0–23" })).toBeValid());
  });

  it("builds an expression from the builder's choices", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    await user.click(screen.getByRole("tab", { name: "Builder" }));
    await user.click(screen.getByRole("button", { name: "Monday" }));
    await user.click(screen.getByRole("button", { name: "Friday" }));
    expect(screen.getByRole("button", { name: "Monday" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("Value")).toHaveTextContent("0 9 * * 1,5 | Europe/Paris");
    expect(await screen.findByText("every Monday and Friday at 9:00 AM (Europe/Paris)")).toBeInTheDocument();
  });

  it("searches timezones, with the viewer's zone first and offsets shown", async () => {
    const { user } = renderWithPlanner(<Controlled />, { timeZone: "America/New_York" });
    await user.click(screen.getByRole("combobox", { name: "Timezone" }));
    const options = screen.getAllByRole("option");
    expect(options[0]).toHaveTextContent("America/New_York");
    expect(options[0]).toHaveTextContent("GMT-5");
    await user.keyboard("tokyo");
    await user.click(screen.getByRole("option", { name: /Asia\/Tokyo/ }));
    expect(screen.getByLabelText("Value")).toHaveTextContent("0 9 * * * | Asia/Tokyo");
    expect(await screen.findByText("daily at 9:00 AM (Asia/Tokyo)")).toBeInTheDocument();
  });

  it("lists every timezone as choosable: no stylesheet rule greys out or blocks cmdk's data-disabled=\"false\" items", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    await user.click(screen.getByRole("combobox", { name: "Timezone" }));
    const options = screen.getAllByRole("option");
    expect(options.length).toBeGreaterThan(100);
    for (const option of options.slice(0, 20)) {
      expect(option).toHaveAttribute("data-disabled", "false");
      const blocking = rulesMatching(option).filter((rule) => /pointer-events:\s*none|opacity/.test(rule.declarations));
      expect(blocking.map((rule) => rule.selector)).toEqual([]);
    }
    await user.click(screen.getByRole("option", { name: /Europe\/Berlin/ }));
    expect(screen.getByLabelText("Value")).toHaveTextContent("0 9 * * * | Europe/Berlin");
  });

  it("selects the preset an arrow key moves to, on the first quick press", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    const daily = screen.getByRole("radio", { name: "Daily at 9 AM" });
    expect(daily).toBeChecked();
    daily.focus();
    await user.keyboard("{ArrowDown}");
    const weekdays = screen.getByRole("radio", { name: "Weekdays at 9 AM" });
    expect(weekdays).toHaveFocus();
    expect(weekdays).toBeChecked();
    expect(screen.getByLabelText("Value")).toHaveTextContent("0 9 * * 1-5 | Europe/Paris");
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(screen.getByRole("radio", { name: "Every hour" })).toHaveFocus();
    expect(screen.getByRole("radio", { name: "Every hour" })).toBeChecked();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("radio", { name: "Quarterly" })).toBeChecked();
  });

  it("gives each preset a sentence that does not repeat its name, in the cards' words and the viewer's time format", async () => {
    renderWithPlanner(<Controlled />, { locale: "en-GB" });
    const sentences: Record<string, string> = {};
    for (const radio of screen.getAllByRole("radio")) {
      const title = document.getElementById(radio.getAttribute("aria-labelledby") ?? "")?.textContent ?? "";
      sentences[title] = radio.querySelector(".planner-cron-preset-sentence")?.textContent ?? "";
    }
    expect(sentences).toEqual({
      "Every hour": "At the start of every hour",
      "Daily at 9 AM": "Daily at 9:00",
      "Weekdays at 9 AM": "Weekdays at 9:00",
      "Every Monday at 9 AM": "Every Monday at 9:00",
      "1st of each month": "Monthly on day 1 at 9:00",
      Quarterly: "At 9:00, on day 1 of the month, only in January, April, July, and October",
    });
    for (const [title, sentence] of Object.entries(sentences)) expect(sentence.toLowerCase()).not.toBe(title.toLowerCase());
    // The summary says the same sentence as the chosen card, in the same time format.
    expect(await screen.findByText("daily at 9:00 (Europe/Paris)")).toBeInTheDocument();
    expect(screen.getByText("Tue, 1 Dec 2026, 9:00 (Europe/Paris)")).toBeInTheDocument();
  });

  it("says one range for the day of week in the box's label and in its error", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    await user.click(screen.getByRole("tab", { name: "Custom" }));
    const day = screen.getByRole("textbox", { name: "Day of week 0–6" });
    await user.type(day, "{Backspace}8");
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Day of week 0–6" })).toBeInvalid());
    expect(screen.getByRole("textbox", { name: "Day of week 0–6" })).toHaveAccessibleDescription("Day of week must be between 0 and 6 (0 is Sunday, 7 is Sunday too; or SUN-SAT), got 8.");
    // 7 is accepted, as the message says.
    await user.type(screen.getByRole("textbox", { name: "Day of week 0–6" }), "{Backspace}7");
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Day of week 0–6" })).toBeValid());
    expect(await screen.findByText("every Sunday at 9:00 AM (Europe/Paris)")).toBeInTheDocument();
  });

  it("works from the keyboard: tabs with arrow keys, day toggles with Space", async () => {
    const { user } = renderWithPlanner(<Controlled />);
    screen.getByRole("tab", { name: "Presets" }).focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Builder" })).toHaveFocus();
    expect(screen.getByRole("tab", { name: "Builder" })).toHaveAttribute("aria-selected", "true");
    screen.getByRole("button", { name: "Wednesday" }).focus();
    await user.keyboard(" ");
    expect(screen.getByRole("button", { name: "Wednesday" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("Value")).toHaveTextContent("0 9 * * 3 | Europe/Paris");
    await user.keyboard("{Enter}");
    expect(screen.getByRole("button", { name: "Wednesday" })).toHaveAttribute("aria-pressed", "false");
  });
});
