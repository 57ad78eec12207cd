// A configured connection (the fake tenant's good app), a real SMTP inbox, and sync runs recorded as
// whatever runs the sync leaves them, so each test can end runs and read the mail a superuser gets.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import type { ParsedMail } from "mailparser";
import { db } from "@/db/client";
import { eq } from "drizzle-orm";
import { entraConnections, organizations, syncRuns, type SyncKind, type SyncRun } from "@/db/schema";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";
import { deliverPendingAlertMail } from "@/lib/alerts/deliver-mail";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";
import { alertSweep } from "@/inngest/alert-sweep";
import { startSmtpInbox, type Inbox } from "../support/smtp-inbox";
import { useSyncWorld } from "../sync/sync-harness";

export const appUrl = "https://vertask.example";

export function useAlertWorld() {
  const world = useSyncWorld({ users: 8, devices: 4 });
  const mail = { inbox: null as unknown as Inbox };
  beforeAll(async () => {
    mail.inbox = await startSmtpInbox();
    process.env.SMTP_URL = mail.inbox.url;
    process.env.APP_URL = appUrl;
  });
  beforeEach(() => {
    mail.inbox.mails.length = 0;
    mail.inbox.refuseNext(0);
  });
  afterAll(() => mail.inbox.close());
  const mails = () => mail.inbox.mails;
  /** The subjects of the mails the alert sweep's evaluation on `day` sends. */
  const mailsOn = async (day: Date) => {
    const before = mails().length;
    await evaluateTimedAlerts(day);
    await deliverPendingAlertMail();
    return mails()
      .slice(before)
      .map((m) => m.subject);
  };
  return { world, mails, mailsOn, inbox: () => mail.inbox };
}

const dayMs = 86_400_000;
/** Today at 09:00 UTC, for the secret's stages, which count whole days. */
export const today = new Date(new Date().toISOString().slice(0, 10) + "T09:00:00Z");
export const daysFrom = (from: Date, days: number) => new Date(from.getTime() + days * dayMs);
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

let lastQueuedAt = 0;

type RunFields = Partial<typeof syncRuns.$inferInsert>;

/** Records a run of the world's connection (My organization's, which useSyncWorld saves) that has reached its end. */
export async function endRun(kind: SyncKind, status: SyncRun["status"], fields: RunFields = {}) {
  const [connection] = await db
    .select({ id: entraConnections.id })
    .from(entraConnections)
    .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
    .where(eq(organizations.name, "My organization"));
  return endRunOf(connection.id, kind, status, fields);
}

/** Records a run of this connection that has reached its end, as the sync leaves it, then reports it as the run lifecycle does. */
export async function endRunOf(
  connectionId: string,
  kind: SyncKind,
  status: SyncRun["status"],
  fields: RunFields = {},
) {
  // Each run queued after the one before, as real runs are (unless the test says when).
  lastQueuedAt = Math.max(Date.now(), lastQueuedAt + 1);
  const queuedAt = new Date(lastQueuedAt);
  const [run] = await db
    .insert(syncRuns)
    .values({
      connectionId,
      kind,
      trigger: "manual",
      status,
      queuedAt,
      startedAt: queuedAt,
      finishedAt: queuedAt,
      ...fields,
    })
    .returning();
  await alertOnRunEnded(run.id);
  return run;
}

/** One run of the 10-minute alert sweep, in-process, through the real Inngest function. */
export async function runAlertSweep() {
  const { result, error } = await new InngestTestEngine({ function: alertSweep }).execute({
    events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
  });
  if (error) throw error;
  return result as { stalled: number; sent: number; waiting: number };
}

export const recipientsOf = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to!.value.map((a) => a.address)).sort();
