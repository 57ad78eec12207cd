import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { devMailbox } from "./send-mail";

export type DevMail = { file: string; to: string; subject: string; text: string; sentAt: string };

/** Mail kept in .data/mail when no SMTP server is configured (development), newest first. */
export function listDevMail(actor: Actor, limit = 50): DevMail[] {
  authorize(actor, "superuser");
  const folder = devMailbox();
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit)
    .map((file) => {
      const message = JSON.parse(readFileSync(path.join(folder, file), "utf8"));
      const to = (message.to ?? []).map((a: { address: string }) => a.address).join(", ");
      return { file, to, subject: message.subject, text: message.text, sentAt: message.sentAt };
    });
}
