import type { Mail } from "@/lib/mail/send-mail";

export function appUrl() {
  return (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

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
  return { to: invitation.email, subject: "Your invitation to the Vertask client portal", text, html, messageId: `portal-invitation-${invitation.id}` };
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
