/** What a form action answers; the form shows `message` and each field's errors beside it. */
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /** A result the page shows beyond the message, such as a connection report. */
  data?: unknown;
};

export type ActionOutcome = { message: string; data?: unknown };

export const initialFormState: FormState = { status: "idle" };
