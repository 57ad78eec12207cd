import type { Mail } from "@/lib/mail/send-mail";
import { appUrl } from "@/lib/mail/app-url";
import { escapeHtml } from "@/lib/mail/plain-text-html";

export function passwordResetMail(reset: { id: string; email: string }, name: string, token: string): Mail {
  const link = `${appUrl()}/portal/new-password?token=${token}`;
  const text = [
    `Hello ${name},`,
    "",
    "Someone asked for a new link to the Vertask client portal for this address.",
    "Set a new password here (the link works once, for 1 hour):",
    link,
    "",
    "If it was not you, ignore this mail: your password stays as it is.",
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(name)},</p><p>Someone asked for a new link to the Vertask client portal for this address.</p><p><a href="${link}">Set a new password</a> (the link works once, for 1 hour).</p><p>If it was not you, ignore this mail: your password stays as it is.</p>`;
  return {
    to: reset.email,
    subject: "Your new link to the Vertask client portal",
    text,
    html,
    messageId: `portal-new-link-${reset.id}`,
  };
}
