import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { alertMails, staffUsers } from "@/db/schema";
import { sendMail } from "@/lib/mail/send-mail";
import { plainTextHtml } from "@/lib/mail/plain-text-html";

/** A log line's worth of an error: its message, cut short. Alert code never holds a secret to leak. */
export const shortReason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/** Superusers who have alert mail on; technicians never get alerts. */
async function alertRecipients() {
  const rows = await db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "superuser"), eq(staffUsers.alertEmails, true)))
    .orderBy(asc(staffUsers.email));
  return rows.map((row) => row.email);
}

/**
 * Sends the recorded alert mails that are waiting, oldest first, each as one mail to every superuser with
 * alerts on. Each is claimed (sent_at set, committed) before it goes out, so a retried step or a second
 * sender never sends it twice. A failure gives the claim back and stops: the rest wait, in order, for the
 * next attempt (the next run's end or the alert sweep). Never throws for a mail server's failure.
 * As with portal invitations, a process killed between the claim and the send loses that one mail rather
 * than ever sending it twice.
 */
export async function deliverPendingAlertMail(limit = 50): Promise<{ sent: number; waiting: number }> {
  const waiting = await db
    .select()
    .from(alertMails)
    .where(isNull(alertMails.sentAt))
    .orderBy(asc(alertMails.createdAt), asc(alertMails.id))
    .limit(limit);
  let sent = 0;
  if (waiting.length) {
    const recipients = await alertRecipients();
    for (const mail of waiting) {
      const [claimed] = await db
        .update(alertMails)
        .set({ sentAt: new Date(), recipientCount: recipients.length })
        .where(and(eq(alertMails.id, mail.id), isNull(alertMails.sentAt)))
        .returning({ id: alertMails.id });
      // Nobody wants alert mail: the event is done with, and nobody who turns alerts on later gets old news.
      if (!claimed || recipients.length === 0) continue;
      try {
        await sendMail({
          to: recipients.join(", "),
          subject: mail.subject,
          text: mail.text,
          html: plainTextHtml(mail.text),
          messageId: `alert-${mail.id}`,
        });
        sent++;
      } catch (error) {
        await db.update(alertMails).set({ sentAt: null, recipientCount: null }).where(eq(alertMails.id, mail.id));
        console.error(`Alert mail ${mail.id} was not sent and waits for the next attempt: ${shortReason(error)}`);
        break;
      }
    }
  }
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(alertMails)
    .where(isNull(alertMails.sentAt));
  return { sent, waiting: count };
}
