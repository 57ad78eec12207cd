import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { connectionMethod, syncFrequency } from "@/db/schema";
import { clientIdProblem, credentialFieldProblems, credentialFields, tenantIdProblem } from "@/lib/credentials";

const yesNo = z.enum(["yes", "no"], "Choose Yes or No.").transform((value) => value === "yes");
const trimmed = z
  .string()
  .default("")
  .transform((value) => value.trim());

/** The organization whose settings a form saves: every form names it, on the single organization's pages too. */
export const organizationIdField = uuidField("Choose an organization under Settings → Organizations.");

/** The "Azure User Sync" form. Checks that need the saved settings happen when saving. */
export const syncSettingsForm = z
  .object({
    organizationId: organizationIdField,
    // Offered once the provider's multi-tenant app is entered; the guide's own app registration otherwise.
    connectWith: z
      .enum(connectionMethod.enumValues, "Choose its own app registration or the provider's multi-tenant app.")
      .default("own_app"),
    status: z.enum(["enabled", "disabled"], "Choose Enabled or Disabled."),
    syncFrequency: z.enum(syncFrequency.enumValues, "Choose a sync frequency."),
    clientId: trimmed,
    tenantId: trimmed,
    ...credentialFields,
    syncExternalUsers: yesNo,
    inviteToPortal: yesNo,
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) =>
      message && context.addIssue({ code: "custom", path: [path], message });
    // The provider's app brings its own ID and credential, and the tenant comes with the consent.
    if (form.connectWith === "provider_app") return;
    problem("clientId", clientIdProblem(form.clientId));
    problem("tenantId", tenantIdProblem(form.tenantId));
    credentialFieldProblems(form, form, problem);
  });

export type SyncSettingsForm = z.output<typeof syncSettingsForm>;
