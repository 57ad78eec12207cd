import { z } from "zod";
import { clientIdProblem } from "./field-checks";
import { credentialFieldProblems, credentialFields } from "./form-fields";

const trimmed = z
  .string()
  .default("")
  .transform((value) => value.trim());

/** Settings → Organizations → Provider app: the multi-tenant app's ID and a Client secret or a certificate. */
export const providerAppForm = z.object({ clientId: trimmed, ...credentialFields }).superRefine((form, context) => {
  const problem = (path: string, message: string | null) =>
    message && context.addIssue({ code: "custom", path: [path], message });
  problem("clientId", clientIdProblem(form.clientId));
  // A multi-tenant app has no tenant of its own.
  credentialFieldProblems(form, { clientId: form.clientId, tenantId: "" }, problem);
});

export type ProviderAppForm = z.output<typeof providerAppForm>;
