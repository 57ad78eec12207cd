import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { connectionMethod, syncFrequency } from "@/db/schema";
import { clientIdProblem, clientSecretHint, tenantIdProblem } from "./field-checks";

const yesNo = z.enum(["yes", "no"], "Choose Yes or No.").transform((value) => value === "yes");
const trimmed = z.string().default("").transform((value) => value.trim());
// A file input posts an empty file when nothing was chosen: that counts as no file.
export const uploadedFile = z
  .unknown()
  .optional()
  .transform((value) => (value instanceof Blob && value.size > 0 ? value : null))
  .refine((file) => !file || file.size <= 64 * 1024, "A PEM key or certificate is a few kilobytes: this file is too large to be one.");

export const credentialKinds = ["secret", "certificate"] as const;

/** The organization whose settings a form saves: every form names it, on the single organization's pages too. */
export const organizationIdField = uuidField("Choose an organization under Settings → Organizations.");

/** The "Azure User Sync" form. Checks that need the saved settings happen when saving. */
export const syncSettingsForm = z
  .object({
    organizationId: organizationIdField,
    // Offered once the provider's multi-tenant app is entered; the guide's own app registration otherwise.
    connectWith: z.enum(connectionMethod.enumValues, "Choose its own app registration or the provider's multi-tenant app.").default("own_app"),
    status: z.enum(["enabled", "disabled"], "Choose Enabled or Disabled."),
    syncFrequency: z.enum(syncFrequency.enumValues, "Choose a sync frequency."),
    clientId: trimmed,
    tenantId: trimmed,
    credentialKind: z.enum(credentialKinds, "Choose Client secret or Certificate.").default("secret"),
    clientSecret: trimmed,
    clientSecretExpiresOn: trimmed,
    certificateKey: uploadedFile,
    certificateFile: uploadedFile,
    syncExternalUsers: yesNo,
    inviteToPortal: yesNo,
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) => message && context.addIssue({ code: "custom", path: [path], message });
    // The provider's app brings its own ID and credential, and the tenant comes with the consent.
    if (form.connectWith === "provider_app") return;
    problem("clientId", clientIdProblem(form.clientId));
    problem("tenantId", tenantIdProblem(form.tenantId));
    // The other credential's fields are still posted (hidden, or typed before switching): only the chosen one's count.
    if (form.credentialKind === "secret") {
      if (form.clientSecret) problem("clientSecret", clientSecretHint(form.clientSecret, form.clientId, form.tenantId));
      if (form.clientSecretExpiresOn) problem("clientSecretExpiresOn", expiryDateProblem(form.clientSecretExpiresOn));
    } else if (Boolean(form.certificateKey) !== Boolean(form.certificateFile)) {
      if (!form.certificateKey) problem("certificateKey", "Choose the private key file too: Vertask checks that it belongs to the certificate.");
      else problem("certificateFile", "Choose the certificate file too: Vertask reads its thumbprint and expiry date from it.");
    }
  });

export type SyncSettingsForm = z.output<typeof syncSettingsForm>;

export function expiryDateProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    return "Enter the date as shown in the Expires column, like 2027-05-31.";
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return "This date does not exist: check the day and month.";
  return null;
}

