import { z } from "zod";
import { clientSecretHint } from "./field-checks";

const trimmed = z
  .string()
  .default("")
  .transform((value) => value.trim());

// A file input posts an empty file when nothing was chosen: that counts as no file.
const uploadedFile = z
  .unknown()
  .optional()
  .transform((value) => (value instanceof Blob && value.size > 0 ? value : null))
  .refine(
    (file) => !file || file.size <= 64 * 1024,
    "A PEM key or certificate is a few kilobytes: this file is too large to be one.",
  );

const credentialKinds = ["secret", "certificate"] as const;

/** The credential's part of a form, a connection's or the provider app's: a Client secret (and its date) or a certificate's two PEM files. */
export const credentialFields = {
  credentialKind: z.enum(credentialKinds, "Choose Client secret or Certificate.").default("secret"),
  clientSecret: trimmed,
  clientSecretExpiresOn: trimmed,
  certificateKey: uploadedFile,
  certificateFile: uploadedFile,
};

type CredentialFields = z.output<z.ZodObject<typeof credentialFields>>;

/**
 * The checks of the credential's part, beside the app's IDs (a secret pasted into an ID field is recognised). The
 * other credential's fields are still posted (hidden, or typed before switching): only the chosen one's count.
 */
export function credentialFieldProblems(
  form: CredentialFields,
  ids: { clientId: string; tenantId: string },
  problem: (path: string, message: string | null) => void,
) {
  if (form.credentialKind === "secret") {
    if (form.clientSecret) problem("clientSecret", clientSecretHint(form.clientSecret, ids.clientId, ids.tenantId));
    if (form.clientSecretExpiresOn) problem("clientSecretExpiresOn", expiryDateProblem(form.clientSecretExpiresOn));
  } else if (Boolean(form.certificateKey) !== Boolean(form.certificateFile)) {
    if (!form.certificateKey)
      problem("certificateKey", "Choose the private key file too: Vertask checks that it belongs to the certificate.");
    else
      problem(
        "certificateFile",
        "Choose the certificate file too: Vertask reads its thumbprint and expiry date from it.",
      );
  }
}

function expiryDateProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    return "Enter the date as shown in the Expires column, like 2027-05-31.";
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    return "This date does not exist: check the day and month.";
  return null;
}
