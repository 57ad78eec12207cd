/** What a form action answers; the form shows `message` and each field's errors beside it. */
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /** A result the page shows beyond the message, such as a connection report. */
  data?: unknown;
};

/** With `keepTyped`, the form stays as typed (a step that saves nothing, such as finding groups to choose). */
export type ActionOutcome = { message: string; data?: unknown; keepTyped?: boolean };

export const initialFormState: FormState = { status: "idle" };

/**
 * What each field of a form shows: after a refusal, what was typed (so nothing typed is lost), otherwise the
 * saved value. Call the answer with the field's name and its saved value.
 */
export function typedOrSaved(state: FormState) {
  const typed = state.status === "error" ? (state.values ?? {}) : {};
  return (field: string, saved: string) => typed[field] ?? saved;
}
