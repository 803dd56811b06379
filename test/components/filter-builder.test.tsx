import { render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { FilterBuilder, type FilterBuilderValue } from "../../src/components";

const INITIAL: FilterBuilderValue = {
  match: "any",
  conditions: [
    { path: "subject", op: "contains", value: "invoice" },
    { path: "attachment_list", op: "exists" },
  ],
};

const PAYLOAD_SCHEMA = { type: "object", properties: { subject: { type: "string" }, sender: { type: "string" } } };

function Harness({ initial = INITIAL, seen }: { initial?: FilterBuilderValue; seen: FilterBuilderValue[] }) {
  const [value, setValue] = useState(initial);
  return (
    <FilterBuilder
      value={value}
      payloadSchema={PAYLOAD_SCHEMA}
      onChange={(next) => {
        seen.push(next);
        setValue(next);
      }}
    />
  );
}

function setup(initial?: FilterBuilderValue) {
  const seen: FilterBuilderValue[] = [];
  const user = userEvent.setup();
  render(<Harness seen={seen} {...(initial ? { initial } : {})} />);
  return { user, seen, last: () => seen[seen.length - 1] };
}

describe("FilterBuilder", { timeout: 60_000 }, () => {
  it("shows one row per condition, hides the value for exists, and suggests payload fields", () => {
    setup();
    expect(screen.getByRole("combobox", { name: "Field of condition 1" })).toHaveValue("subject");
    expect(screen.getByRole("combobox", { name: "Comparison of condition 1" })).toHaveTextContent("contains");
    expect(screen.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("invoice");
    expect(screen.getByRole("combobox", { name: "Comparison of condition 2" })).toHaveTextContent("exists");
    expect(screen.queryByRole("textbox", { name: "Value of condition 2" })).not.toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "How conditions combine" })).toHaveTextContent("any");
    expect(document.querySelector("datalist")).toBeNull();
  });

  it("suggests the payload's fields in the same combobox list as the other pickers, and keeps free text for nested paths", async () => {
    const { user, last } = setup({ match: "all", conditions: [{ path: "", op: "exists" }] });
    const field = screen.getByRole("combobox", { name: "Field of condition 1" });
    // Closed: not expanded, and no aria-controls pointing at a list that is not in the document.
    expect(field).toHaveAttribute("aria-expanded", "false");
    expect(field).not.toHaveAttribute("aria-controls");
    await user.click(field);
    const list = await screen.findByRole("listbox", { name: "Fields of the event" });
    expect(field).toHaveAttribute("aria-expanded", "true");
    expect(field).toHaveAttribute("aria-controls", list.id);
    expect(within(list).getAllByRole("option").map((option) => option.textContent)).toEqual(["subjectstring", "senderstring"]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(last()?.conditions[0]?.path).toBe("sender");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(field).toHaveAttribute("aria-expanded", "false");
    await user.clear(field);
    await user.type(field, "headers.0.name");
    expect(field).toHaveValue("headers.0.name");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(last()?.conditions[0]?.path).toBe("headers.0.name");
  });

  it("adds and removes rows with labelled buttons, and types values by operator", async () => {
    const { user, last } = setup({ match: "all", conditions: [] });
    expect(screen.getByText(/No filters: every event runs the action/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await user.type(screen.getByRole("combobox", { name: "Field of condition 1" }), "size");
    await user.click(screen.getByRole("combobox", { name: "Comparison of condition 1" }));
    await user.click(await screen.findByRole("option", { name: "is greater than" }));
    await user.type(screen.getByRole("textbox", { name: "Value of condition 1" }), "42");
    expect(last()).toEqual({ match: "all", conditions: [{ path: "size", op: "gt", value: 42 }] });

    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await user.type(screen.getByRole("combobox", { name: "Field of condition 2" }), "label");
    await user.click(screen.getByRole("combobox", { name: "Comparison of condition 2" }));
    await user.click(await screen.findByRole("option", { name: "is one of" }));
    await user.type(screen.getByRole("textbox", { name: "Value of condition 2" }), "INBOX, 7");
    expect(last()?.conditions[1]).toEqual({ path: "label", op: "in", value: ["INBOX", 7] });

    await user.click(screen.getByRole("button", { name: "Remove condition 1" }));
    expect(last()?.conditions).toEqual([{ path: "label", op: "in", value: ["INBOX", 7] }]);
    // The remaining row kept its typed text, now as condition 1.
    expect(screen.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("INBOX, 7");
  });

  it("JSON mode round-trips: the rows become JSON, edited JSON becomes rows", async () => {
    const { user, last } = setup();
    await user.click(screen.getByRole("switch", { name: "Advanced JSON" }));
    const json = screen.getByRole("textbox", { name: "Filters as JSON" });
    expect(JSON.parse((json as HTMLTextAreaElement).value)).toEqual(INITIAL);

    const edited = { match: "all", conditions: [{ path: "sender", op: "endsWith", value: "@acme.com" }] };
    await user.clear(json);
    await user.click(json);
    await user.paste(JSON.stringify(edited));
    expect(last()).toEqual(edited);

    await user.click(screen.getByRole("switch", { name: "Advanced JSON" }));
    expect(screen.getByRole("combobox", { name: "Field of condition 1" })).toHaveValue("sender");
    expect(screen.getByRole("combobox", { name: "Comparison of condition 1" })).toHaveTextContent("ends with");
    expect(screen.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("@acme.com");
    expect(screen.getByRole("combobox", { name: "How conditions combine" })).toHaveTextContent("all");
    expect(screen.queryByRole("combobox", { name: "Field of condition 2" })).not.toBeInTheDocument();

    // And back again: the JSON shows exactly what the rows hold.
    await user.click(screen.getByRole("switch", { name: "Advanced JSON" }));
    expect(JSON.parse(screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Filters as JSON" }).value)).toEqual(edited);
  });

  it("bad JSON shows an error and never loses the rows", async () => {
    const { user, seen } = setup();
    await user.click(screen.getByRole("switch", { name: "Advanced JSON" }));
    const json = screen.getByRole("textbox", { name: "Filters as JSON" });
    await user.type(json, "{{ oops");
    expect(screen.getByRole("alert")).toHaveTextContent(/not valid JSON/);
    expect(json).toHaveAttribute("aria-invalid", "true");

    await user.clear(json);
    await user.click(json);
    await user.paste('{ "conditions": [{ "path": "subject", "op": "looksLike" }] }');
    expect(screen.getByRole("alert")).toHaveTextContent(/These are not filters: at conditions\.0\.op/);
    expect(seen).toEqual([]);

    await user.click(screen.getByRole("switch", { name: "Advanced JSON" }));
    const rows = screen.getAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("invoice");
  });
});
