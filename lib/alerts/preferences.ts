import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

/** Whether this superuser gets alert mail. */
export async function getAlertEmailsChoice(actor: Actor): Promise<boolean> {
  authorize(actor, "superuser");
  const [row] = await db
    .select({ alertEmails: staffUsers.alertEmails })
    .from(staffUsers)
    .where(eq(staffUsers.id, actor.id));
  return row?.alertEmails ?? false;
}

/** A superuser turns alert mail on or off for themselves only. */
export async function setAlertEmailsChoice(actor: Actor, alertEmails: boolean) {
  authorize(actor, "superuser");
  await db.update(staffUsers).set({ alertEmails, updatedAt: new Date() }).where(eq(staffUsers.id, actor.id));
  return alertEmails
    ? "Alert mail is on: you get one mail when a problem starts and one when it clears."
    : "Alert mail is off for you.";
}
