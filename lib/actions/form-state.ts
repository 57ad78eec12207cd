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
