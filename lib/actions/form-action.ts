import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { getCurrentStaff } from "@/lib/session/current-staff";
import type { StaffRole } from "@/db/schema";
import { FieldError } from "@/lib/auth/field-error";
import type { ActionOutcome, FormState } from "./form-state";

type Access = StaffRole | "staff" | "anyone";

// Typed-back values keep a form filled after an error; secrets, and a file's content carried from one step
// to the next (up to megabytes), are never sent back.
function echoedValues(formData: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$") && !/password|secret|fileContent/i.test(key))
      values[key] = value;
  }
  return values;
}

/** The form's fields for the schema: a name sent more than once (ticked checkboxes) gives every value, in order. */
function formFields(formData: FormData) {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    fields[key] = values.length > 1 ? values : values[0];
  }
  return fields;
}

/**
 * The one server-action wrapper: authorise → validate → run → typed result.
 * Server actions are public endpoints, so the role is checked here, whatever the page showed.
 */
export function formAction<Schema extends z.ZodType, A extends Access>(
  access: A,
  schema: Schema,
  run: (input: z.output<Schema>, actor: A extends "anyone" ? null : Actor) => Promise<string | void | ActionOutcome>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const values = echoedValues(formData);
    try {
      const actor = access === "anyone" ? null : await getCurrentStaff();
      if (access !== "anyone") authorize(actor, access as StaffRole | "staff");
      const parsed = schema.safeParse(formFields(formData));
      if (!parsed.success) {
        const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
        return { status: "error", message: "Check the highlighted fields.", fieldErrors, values };
      }
      const outcome = await run(parsed.data, actor as never);
      if (typeof outcome === "object") {
        const { keepTyped, ...result } = outcome;
        return { status: "ok", ...result, ...(keepTyped ? { values } : {}) };
      }
      return { status: "ok", message: outcome ?? "Saved." };
    } catch (error) {
      if (error instanceof FieldError) {
        const fieldErrors = Object.fromEntries(
          Object.entries(error.fields).map(([field, message]) => [field, [message]]),
        );
        return { status: "error", message: "Check the highlighted fields.", fieldErrors, values };
      }
      if (error instanceof ActionRefused)
        return {
          status: "error",
          message: error.message,
          values,
          ...(error.data === undefined ? {} : { data: error.data }),
        };
      throw error;
    }
  };
}
