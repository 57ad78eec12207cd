// The one server-action wrapper: what a form gets back, so it can keep what was typed.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { initialFormState } from "@/lib/actions/form-state";

const typed = () => {
  const form = new FormData();
  form.set("findGroups", "eng");
  form.set("usersScopeMode", "groups");
  form.set("group:0f6a1c9e-0000-4000-8000-000000000001", "Sales");
  form.set("clientSecret", "Abc8Q~never-sent-back");
  return form;
};

describe("formAction", () => {
  it("a step that saves nothing (finding groups) answers with every field typed, secrets left out", async () => {
    const find = formAction("anyone", z.object({ findGroups: z.string() }), async ({ findGroups }) => ({
      message: `Found for ${findGroups}.`,
      data: { found: [] },
      keepTyped: true,
    }));
    const state = await find(initialFormState, typed());
    expect(state).toEqual({
      status: "ok",
      message: "Found for eng.",
      data: { found: [] },
      values: {
        findGroups: "eng",
        usersScopeMode: "groups",
        "group:0f6a1c9e-0000-4000-8000-000000000001": "Sales",
      },
    });
  });

  it("a save answers without the typed values: the form then shows what was saved", async () => {
    const save = formAction("anyone", z.object({ usersScopeMode: z.string() }), async () => "Changes saved.");
    expect(await save(initialFormState, typed())).toEqual({ status: "ok", message: "Changes saved." });
  });

  it("a refused form answers with each field's problem and what was typed", async () => {
    const save = formAction("anyone", z.object({ name: z.string().min(1, "Enter a name.") }), async () => "Saved.");
    const state = await save(initialFormState, typed());
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.name).toHaveLength(1);
    expect(state.values).toMatchObject({ usersScopeMode: "groups" });
    expect(state.values).not.toHaveProperty("clientSecret");
  });
});
