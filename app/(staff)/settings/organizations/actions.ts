"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { formAction } from "@/lib/actions/form-action";
import { addOrganization, renameOrganization } from "@/lib/organizations/commands";
import { organizationForm } from "@/lib/organizations/form-schema";
import { createConsentLink, confirmConsent, rejectConsent, saveProviderApp } from "@/lib/consent";
import { refreshSecretExpiryAlerts } from "@/lib/alerts/secret-expiry-alert";
import { providerAppForm } from "@/lib/credentials";
import { ActionRefused } from "@/lib/auth/action-refused";
import { savePortalSignInSetting } from "@/lib/portal/microsoft-sign-in-setting";

export const addOrganizationAction = formAction("superuser", organizationForm, async (input, actor) => {
  const created = await addOrganization(actor, input);
  revalidatePath("/settings/organizations", "layout");
  // Outside any try: Next.js carries on with the redirect by throwing.
  redirect(`/settings/organizations/${created.id}`);
});

export const renameOrganizationAction = formAction(
  "superuser",
  organizationForm,
  async ({ organizationId, ...input }, actor) => {
    if (!organizationId) throw new ActionRefused("Choose an organization to rename.");
    const message = await renameOrganization(actor, organizationId, { organizationId, ...input });
    revalidatePath("/settings/organizations", "layout");
    return message;
  },
);

export const saveProviderAppAction = formAction("superuser", providerAppForm, async (input, actor) => {
  const message = await saveProviderApp(actor, input);
  // A new credential or date opens, escalates or clears the provider app's expiry alert at once.
  await refreshSecretExpiryAlerts();
  revalidatePath("/settings/organizations", "layout");
  return message;
});

export const consentLinkAction = formAction(
  "superuser",
  z.object({ organizationId: uuidField("Choose an organization.") }),
  async ({ organizationId }, actor) => {
    const link = await createConsentLink(actor, organizationId);
    return {
      message:
        "Admin consent link made: send it to the organization's administrator. It works once, for 7 days; the answer shows here.",
      data: link,
    };
  },
);

const consentAnswerForm = z.object({
  organizationId: uuidField("Choose an organization."),
  requestId: uuidField("Choose the consent answer to confirm."),
  decision: z.enum(["confirm", "reject"], "Choose Confirm or Reject."),
});

export const consentDecisionAction = formAction(
  "superuser",
  consentAnswerForm,
  async ({ organizationId, requestId, decision }, actor) => {
    if (decision === "confirm") await confirmConsent(actor, organizationId, requestId);
    else await rejectConsent(actor, organizationId, requestId);
    revalidatePath("/settings/organizations", "layout");
    // A fresh page: the panel then shows what came of it (Connected and Test connection's steps, or Rejected), and the
    // settings form below shows Status as the confirmation left it.
    redirect(`/settings/organizations/${organizationId}?consent=${decision === "confirm" ? "confirmed" : "rejected"}`);
  },
);

export const savePortalSignInAction = formAction(
  "superuser",
  z.object({
    organizationId: uuidField("Choose an organization."),
    registered: z.literal("on").optional(),
    enabled: z.literal("on").optional(),
  }),
  async ({ organizationId, registered, enabled }, actor) => {
    const message = await savePortalSignInSetting(actor, organizationId, {
      registered: registered === "on",
      enabled: enabled === "on",
    });
    revalidatePath(`/settings/organizations/${organizationId}`);
    return message;
  },
);
