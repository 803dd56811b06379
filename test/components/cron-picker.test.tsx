import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { CronPicker } from "../../src/components";
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
    expect(await screen.findByText("at 09:00, Monday through Friday (Europe/Paris)")).toBeInTheDocument();
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
    expect(await screen.findByText("at 09:00, only on Monday and Friday (Europe/Paris)")).toBeInTheDocument();
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
    expect(await screen.findByText("at 09:00 (Asia/Tokyo)")).toBeInTheDocument();
  });
});
