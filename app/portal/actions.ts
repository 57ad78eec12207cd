"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ActionRefused } from "@/lib/auth/action-refused";
import { clientAddress } from "@/lib/auth/client-address";
import { startSession } from "@/lib/session/start-session";
import { newPassword } from "@/lib/auth/password-rules";
import { acceptInvitation } from "@/lib/portal/accept-invitation";
import { requestNewInvitation } from "@/lib/portal/request-new-invitation";
import { findPortalClientBySignIn } from "@/lib/portal/sign-in";
import { requestPasswordResetLink, setPasswordFromResetLink } from "@/lib/portal/password-reset";

// Server actions: each form posts (never a GET with a password in the address) even before JavaScript runs.

export const portalSignInAction = formAction(
  "anyone",
  z.object({ email: z.string(), password: z.string() }),
  async ({ email, password }) => {
    const client = await findPortalClientBySignIn(email, password, { clientAddress: await clientAddress() });
    if (!client) throw new ActionRefused("Wrong email or password, or your access to the portal has ended.");
    await startSession({
      kind: "portal",
      id: client.id,
      name: client.name,
      email: client.mail,
      sessionVersion: client.sessionVersion,
    });
    redirect("/portal");
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

export const acceptInvitationAction = formAction("anyone", newPasswordFromLink, async ({ token, password }) => {
  const client = (await acceptInvitation(token, password, { clientAddress: await clientAddress() }))!;
  // The password was just set: the client is signed in with it and lands on the portal.
  await startSession({
    kind: "portal",
    id: client.clientId,
    name: client.name,
    email: client.email,
    sessionVersion: client.sessionVersion,
  });
  redirect("/portal");
});

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

export const setNewPasswordAction = formAction("anyone", newPasswordFromLink, async ({ token, password }) => {
  const client = (await setPasswordFromResetLink(token, password, { clientAddress: await clientAddress() }))!;
  // The new password was just set: the client is signed in with it, and sessions with the old one are over.
  await startSession({
    kind: "portal",
    id: client.clientId,
    name: client.name,
    email: client.email,
    sessionVersion: client.sessionVersion,
  });
  redirect("/portal");
});
