import { z } from "zod";
import { syncFrequency } from "@/db/schema";
import { clientIdProblem, clientSecretHint, tenantIdProblem } from "./field-checks";

const yesNo = z.enum(["yes", "no"], "Choose Yes or No.").transform((value) => value === "yes");
const trimmed = z.string().default("").transform((value) => value.trim());

/** The "Azure User Sync" form. Checks that need the saved settings happen when saving. */
export const syncSettingsForm = z
  .object({
    status: z.enum(["enabled", "disabled"], "Choose Enabled or Disabled."),
    syncFrequency: z.enum(syncFrequency.enumValues, "Choose a sync frequency."),
    clientId: trimmed,
    tenantId: trimmed,
    clientSecret: trimmed,
    clientSecretExpiresOn: trimmed,
    syncExternalUsers: yesNo,
    inviteToPortal: yesNo,
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) => message && context.addIssue({ code: "custom", path: [path], message });
    problem("clientId", clientIdProblem(form.clientId));
    problem("tenantId", tenantIdProblem(form.tenantId));
    if (form.clientSecret) problem("clientSecret", clientSecretHint(form.clientSecret, form.clientId, form.tenantId));
    if (form.clientSecretExpiresOn) problem("clientSecretExpiresOn", expiryDateProblem(form.clientSecretExpiresOn));
  });

export type SyncSettingsForm = z.output<typeof syncSettingsForm>;

function expiryDateProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    return "Enter the date as shown in the Expires column, like 2027-05-31.";
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return "This date does not exist: check the day and month.";
  return null;
}

