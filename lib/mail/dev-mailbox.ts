import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { authorize, ForbiddenError, type Actor } from "@/lib/auth/authorize";
import { pageCount, pageSize } from "@/lib/lists/search-pattern";
import { devMailbox } from "./send-mail";

export type DevMail = { file: string; to: string; subject: string; text: string; sentAt: string };

/**
 * Whether this server shows the mail it kept: on a development machine always; in production only when the local
 * mailbox was asked for on purpose (VERTASK_KEEP_MAIL_LOCALLY=1). Kept mail holds working links (invitations, new
 * passwords), so a production server that sends its mail never shows a folder of them to anyone.
 */
export const devMailboxShown = (env: NodeJS.ProcessEnv = process.env) =>
  env.NODE_ENV !== "production" || env.VERTASK_KEEP_MAIL_LOCALLY === "1";

/**
 * Mail kept in .data/mail when no SMTP server is configured (development), newest first, a page at a time:
 * how many messages the folder holds, and the page asked for (a page past the end shows the last one).
 */
export function listDevMail(
  actor: Actor,
  requestedPage = 1,
  env: NodeJS.ProcessEnv = process.env,
): { total: number; page: number; mails: DevMail[] } {
  authorize(actor, "superuser");
  if (!devMailboxShown(env))
    throw new ForbiddenError("The development mailbox is not shown in production: mail goes through SMTP_URL.");
  const folder = devMailbox();
  if (!existsSync(folder)) return { total: 0, page: 1, mails: [] };
  const files = readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .reverse();
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount(files.length));
  const mails = files.slice((page - 1) * pageSize, page * pageSize).map((file) => {
    const message = JSON.parse(readFileSync(path.join(folder, file), "utf8"));
    const to = (message.to ?? []).map((a: { address: string }) => a.address).join(", ");
    return { file, to, subject: message.subject, text: message.text, sentAt: message.sentAt };
  });
  return { total: files.length, page, mails };
}
