"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { formAction } from "@/lib/actions/form-action";
import { ActionRefused } from "@/lib/auth/action-refused";
import { FieldError } from "@/lib/auth/field-error";
import { clientAddress } from "@/lib/auth/client-address";
import { startSession } from "@/lib/session/start-session";
import { newPassword } from "@/lib/auth/password-rules";
import { acceptInvitation } from "@/lib/portal/accept-invitation";
import { requestNewInvitation } from "@/lib/portal/request-new-invitation";
import { findPortalClientBySignIn } from "@/lib/portal/sign-in";
import { organizationOfWorkEmail, startPortalMicrosoftSignIn } from "@/lib/portal-microsoft-sign-in";
import { requestPasswordResetLink, setPasswordFromResetLink } from "@/lib/portal/password-reset";

// Server actions: each form posts (never a GET with a password in the address) even before JavaScript runs.

/** Signs the client in (their password was just checked or set) and opens the portal. */
async function openPortalAs(id: string, client: { name: string; email: string | null; sessionVersion: number }) {
  // Named one by one: a row from the sign-in holds the password hash, which never goes into a session.
  const { name, email, sessionVersion } = client;
  await startSession({ kind: "portal", id, name, email, sessionVersion });
  redirect("/portal");
}

export const portalSignInAction = formAction(
  "anyone",
  z.object({ email: z.string(), password: z.string() }),
  async ({ email, password }) => {
    const client = await findPortalClientBySignIn(email, password, { clientAddress: await clientAddress() });
    if (!client) throw new ActionRefused("Wrong email or password, or your access to the portal has ended.");
    await openPortalAs(client.id, { ...client, email: client.mail });
  },
);

/**
 * Sends the person to Microsoft, at the tenant of the organization the invitation's link named or their work
 * address's domain belongs to. What is refused here depends only on the organization, never on the person.
 */
export const portalMicrosoftSignInAction = formAction(
  "anyone",
  z.object({
    organizationId: uuidField().optional(),
    workEmail: z.string().trim().pipe(z.email("Enter your work email address.")).optional(),
  }),
  async ({ organizationId: fromInvitation, workEmail }) => {
    if (!fromInvitation && !workEmail) throw new FieldError({ workEmail: "Enter your work email address." });
    const organizationId = fromInvitation ?? (await organizationOfWorkEmail(workEmail!));
    const url = organizationId && (await startPortalMicrosoftSignIn(organizationId));
    if (!url)
      throw new ActionRefused(
        "Sign in with Microsoft is not available for this address: sign in with your password, or use the link in your invitation mail.",
      );
    redirect(url);
  },
);

const newPasswordFromLink = z
  .object({
    token: z.string().min(1),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });

/**
 * Sets the password a link (an invitation, or "Send me a new link") allows; the client is then signed in with
 * it, and sessions with an old one are over.
 */
const passwordFromLinkAction = (setPassword: typeof acceptInvitation | typeof setPasswordFromResetLink) =>
  formAction("anyone", newPasswordFromLink, async ({ token, password }) => {
    const client = (await setPassword(token, password, { clientAddress: await clientAddress() }))!;
    await openPortalAs(client.clientId, client);
  });

export const acceptInvitationAction = passwordFromLinkAction(acceptInvitation);
export const setNewPasswordAction = passwordFromLinkAction(setPasswordFromResetLink);

export const requestNewInvitationAction = formAction(
  "anyone",
  z.object({ token: z.string().min(1) }),
  async ({ token }) => requestNewInvitation(token, { clientAddress: await clientAddress() }),
);

export const requestNewLinkAction = formAction(
  "anyone",
  z.object({ email: z.string().trim().pipe(z.email("Enter the email address you sign in to the portal with.")) }),
  async ({ email }) => requestPasswordResetLink(email, { clientAddress: await clientAddress() }),
);
