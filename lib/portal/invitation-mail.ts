import type { Mail } from "@/lib/mail/send-mail";
import { appUrl } from "@/lib/mail/app-url";
import { escapeHtml } from "@/lib/mail/plain-text-html";

/** The invitation: with `microsoftSignInLink`, "Sign in with Microsoft" first, and setting a password as the other way. */
export function invitationMail(
  invitation: { id: string; email: string },
  name: string,
  token: string,
  microsoftSignInLink: string | null = null,
): Mail {
  const link = `${appUrl()}/portal/accept?token=${token}`;
  const intro =
    "Your IT team invites you to the Vertask client portal, where you can see your details and your devices.";
  const text = [
    `Hello ${name},`,
    "",
    intro,
    ...(microsoftSignInLink
      ? [
          "Sign in with Microsoft, with the work account you already use:",
          microsoftSignInLink,
          "",
          "Or set a password here (the link works once, for 7 days):",
        ]
      : ["Set your password here (the link works once, for 7 days):"]),
    link,
    "",
    "If you did not expect this mail, you can ignore it.",
  ].join("\n");
  const microsoftHtml = microsoftSignInLink
    ? `<p><a href="${escapeHtml(microsoftSignInLink)}">Sign in with Microsoft</a>, with the work account you already use.</p><p>Or <a href="${link}">set a password</a> (the link works once, for 7 days).</p>`
    : `<p><a href="${link}">Set your password</a> (the link works once, for 7 days).</p>`;
  const html = `<p>Hello ${escapeHtml(name)},</p><p>${intro}</p>${microsoftHtml}<p>If you did not expect this mail, you can ignore it.</p>`;
  return {
    to: invitation.email,
    subject: "Your invitation to the Vertask client portal",
    text,
    html,
    messageId: `portal-invitation-${invitation.id}`,
  };
}
