import type { Mail } from "@/lib/mail/send-mail";
import { appUrl } from "@/lib/mail/app-url";
import { escapeHtml } from "@/lib/mail/plain-text-html";

export function invitationMail(invitation: { id: string; email: string }, name: string, token: string): Mail {
  const link = `${appUrl()}/portal/accept?token=${token}`;
  const text = [
    `Hello ${name},`,
    "",
    "Your IT team invites you to the Vertask client portal, where you can see your details and your devices.",
    `Set your password here (the link works once, for 7 days):`,
    link,
    "",
    "If you did not expect this mail, you can ignore it.",
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(name)},</p><p>Your IT team invites you to the Vertask client portal, where you can see your details and your devices.</p><p><a href="${link}">Set your password</a> (the link works once, for 7 days).</p><p>If you did not expect this mail, you can ignore it.</p>`;
  return {
    to: invitation.email,
    subject: "Your invitation to the Vertask client portal",
    text,
    html,
    messageId: `portal-invitation-${invitation.id}`,
  };
}
