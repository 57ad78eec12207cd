import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { devMailbox } from "./send-mail";

export type DevMail = { file: string; to: string; subject: string; text: string; sentAt: string };

/** Mail kept in .data/mail when no SMTP server is configured (development), newest first. */
export function listDevMail(actor: Actor, limit = 50): DevMail[] {
  authorize(actor, "superuser");
  if (!existsSync(devMailbox)) return [];
  return readdirSync(devMailbox)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit)
    .map((file) => {
      const message = JSON.parse(readFileSync(path.join(devMailbox, file), "utf8"));
      const to = (message.to ?? []).map((a: { address: string }) => a.address).join(", ");
      return { file, to, subject: message.subject, text: message.text, sentAt: message.sentAt };
    });
}
