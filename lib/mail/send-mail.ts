import "server-only";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string; html: string; messageId: string };

/** Where development mail is kept (VERTASK_MAIL_DIR, by default .data/mail). */
export const devMailbox = () => path.resolve(process.env.VERTASK_MAIL_DIR ?? ".data/mail");

const transports = new Map<string, nodemailer.Transporter>();

// One pooled connection per SMTP server; without SMTP_URL (development), mail is kept as JSON files
// that /settings/mail shows.
function transport() {
  const url = process.env.SMTP_URL ?? "";
  // Kept mail holds working links: only a development machine may keep it instead of sending it.
  if (!url && process.env.NODE_ENV === "production" && !process.env.VERTASK_KEEP_MAIL_LOCALLY) {
    throw new Error("SMTP_URL is not set: Vertask cannot send mail (see docs/operations.md, Environment variables).");
  }
  if (!transports.has(url)) {
    const options = url ? { url, pool: true, maxConnections: 2 } : { jsonTransport: true as const };
    transports.set(url, nodemailer.createTransport(options as never));
  }
  return transports.get(url)!;
}

/** Sends one mail. `messageId` is stable per message, so a receiving server can drop a duplicate. */
export async function sendMail(mail: Mail) {
  const from = process.env.MAIL_FROM ?? "Vertask <no-reply@vertask.local>";
  const info = await transport().sendMail({ from, ...mail, messageId: `<${mail.messageId}@vertask>` });
  if (!process.env.SMTP_URL) {
    mkdirSync(devMailbox(), { recursive: true });
    const file = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.messageId}.json`;
    writeFileSync(
      path.join(devMailbox(), file),
      JSON.stringify({
        ...JSON.parse(String((info as unknown as { message: string }).message)),
        sentAt: new Date().toISOString(),
      }),
    );
  }
}
