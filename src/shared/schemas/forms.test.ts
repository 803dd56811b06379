import { describe, expect, it } from "vitest";
import { JobForm, formPathOf, jobFormToFields, jobToForm } from "./index";

const base = () => ({ ...jobToForm(undefined, { timezone: "Europe/Paris" }), name: "Digest", action: { ...jobToForm(undefined, { timezone: "UTC" }).action, template: "Hi {date}" } });

describe("JobForm", () => {
  it("converts rows and the action to the API shape", () => {
    const form = { ...base(), description: "  ", variables: [{ name: "team", value: "Platform" }, { name: "", value: "" }] };
    expect(JobForm.safeParse(form).success).toBe(true);
    expect(jobFormToFields(form)).toEqual({
      name: "Digest",
      description: "",
      schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Hi {date}" },
      variables: { team: "Platform" },
      policy: { misfire: "runOnce", overlap: "skip" },
    });
  });

  it("reports the API schema's problems on the form's fields, rows by index", () => {
    const form = {
      ...base(),
      schedule: { cron: "0 24 * * *", timezone: "Europe/Paris" },
      variables: [{ name: "ok", value: "1" }, { name: "ok", value: "2" }, { name: "1bad", value: "" }],
      action: { ...base().action, type: "workflow" as const, inputJson: "{" },
    };
    const issues = JobForm.safeParse(form).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["schedule.cron", "Hour must be between 0 and 23, got 24."],
        ["variables.1.name", '"ok" is used twice; names must be unique.'],
        ["variables.2.name", "A variable name must start with a letter or _ and contain only letters, digits and _."],
        ["action.workflowId", "Choose a workflow."],
        ["action.inputJson", expect.stringMatching(/^This is not valid JSON/)],
      ]),
    );
  });

  it("maps server field paths to form fields", () => {
    const form = { ...base(), variables: [{ name: "date", value: "x" }] };
    expect(formPathOf(["variables", "date"], form, "custom")).toBe("variables.0.name");
    expect(formPathOf(["schedule", "cron"], form)).toBe("schedule.cron");
    expect(formPathOf(["action", "input", "value"], form)).toBe("action.inputJson");
    expect(formPathOf(["name"], form)).toBe("name");
  });

  it("pre-fills an edit form from a stored job", () => {
    const form = jobToForm(
      {
        name: "Triage",
        schedule: { cron: "0 8 * * 1", timezone: "UTC" },
        action: { type: "workflow", workflowId: "wf", input: { mode: "static", value: { folder: "A", nested: { x: 1 } } } },
        variables: { team: "P" },
        policy: { misfire: "skip", overlap: "allow" },
      },
      { timezone: "Europe/Paris" },
    );
    expect(form.action).toMatchObject({ type: "workflow", workflowId: "wf", inputValues: { folder: "A" }, inputJson: JSON.stringify({ folder: "A", nested: { x: 1 } }, null, 2) });
    expect(form.variables).toEqual([{ name: "team", value: "P" }]);
    expect(form.policy).toEqual({ misfire: "skip", overlap: "allow" });
  });
});
