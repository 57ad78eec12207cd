import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { pageCount, pageSize } from "@/lib/lists/search-pattern";
import { devMailbox } from "./send-mail";

export type DevMail = { file: string; to: string; subject: string; text: string; sentAt: string };

/**
 * Mail kept in .data/mail when no SMTP server is configured (development), newest first, a page at a time:
 * how many messages the folder holds, and the page asked for (a page past the end shows the last one).
 */
export function listDevMail(actor: Actor, requestedPage = 1): { total: number; page: number; mails: DevMail[] } {
  authorize(actor, "superuser");
  const folder = devMailbox();
  if (!existsSync(folder)) return { total: 0, page: 1, mails: [] };
  const files = readdirSync(folder).filter((file) => file.endsWith(".json")).sort().reverse();
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount(files.length));
  const mails = files.slice((page - 1) * pageSize, page * pageSize).map((file) => {
    const message = JSON.parse(readFileSync(path.join(folder, file), "utf8"));
    const to = (message.to ?? []).map((a: { address: string }) => a.address).join(", ");
    return { file, to, subject: message.subject, text: message.text, sentAt: message.sentAt };
  });
  return { total: files.length, page, mails };
}
