import { z } from "zod";
import { clientIdProblem, clientSecretHint } from "./field-checks";
import { credentialKinds, expiryDateProblem, uploadedFile } from "./form-schema";

const trimmed = z.string().default("").transform((value) => value.trim());

/** Settings → Organizations → Provider app: the multi-tenant app's ID and a Client secret or a certificate. */
export const providerAppForm = z
  .object({
    clientId: trimmed,
    credentialKind: z.enum(credentialKinds, "Choose Client secret or Certificate.").default("secret"),
    clientSecret: trimmed,
    clientSecretExpiresOn: trimmed,
    certificateKey: uploadedFile,
    certificateFile: uploadedFile,
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) => message && context.addIssue({ code: "custom", path: [path], message });
    problem("clientId", clientIdProblem(form.clientId));
    if (form.credentialKind === "secret") {
      if (form.clientSecret) problem("clientSecret", clientSecretHint(form.clientSecret, form.clientId, ""));
      if (form.clientSecretExpiresOn) problem("clientSecretExpiresOn", expiryDateProblem(form.clientSecretExpiresOn));
    } else if (Boolean(form.certificateKey) !== Boolean(form.certificateFile)) {
      problem(form.certificateKey ? "certificateFile" : "certificateKey", "Choose both the private key and the certificate (PEM files).");
    }
  });

export type ProviderAppForm = z.output<typeof providerAppForm>;
