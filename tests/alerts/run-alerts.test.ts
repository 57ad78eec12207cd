import { describe, expect, it, vi } from "vitest";
import { eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { alertMails, staffUsers } from "@/db/schema";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";
import { openAlertsFor } from "@/lib/alerts/queries";
import { setAlertEmailsChoice } from "@/lib/alerts/preferences";
import { applyReviewedRun } from "@/lib/sync-runs/apply-reviewed-run";
import { createActor } from "../support/database";
import { appUrl, endRun, recipientsOf, runAlertSweep, useAlertWorld } from "./alert-harness";

const { world, mails, inbox } = useAlertWorld();

const expiredSecret =
  "The client secret has expired: create a new one in Certificates & secrets (guide step 3) and enter it under Azure User Sync.";
const zeroCounts = {
  created: 0,
  matched: 0,
  updated: 0,
  disabled: 0,
  removed: 0,
  restored: 0,
  unchanged: 10,
  skipped: 0,
};

describe("a failed sync", () => {
  it("mails every superuser once with the reason and its fix, and a technician nothing", async () => {
    const second = await createActor("superuser", "Sue Second");
    const technician = await createActor("technician", "Tia Tech");
    await endRun("users", "failed", { errorCode: "secret_expired", errorMessage: expiredSecret });

    expect(mails()).toHaveLength(1);
    const [mail] = mails();
    expect(mail.subject).toBe("Vertask: syncing users failed");
    expect(recipientsOf(mail)).toEqual([second.email, world.admin.email].sort());
    expect(recipientsOf(mail)).not.toContain(technician.email);
    expect(mail.text).toContain(expiredSecret);
    expect(mail.text).toContain(`${appUrl}/settings/azure/microsoft-azure`);
    expect(mail.text).toContain(`To turn alert mail off for yourself: ${appUrl}/settings/alerts`);
  });

  it("50 failing runs send one mail; the next success of that kind sends one more saying it syncs again", async () => {
    for (let i = 0; i < 50; i++) await endRun("users", "failed", { errorMessage: expiredSecret });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: syncing users failed"]);

    await endRun("devices", "succeeded", { counts: zeroCounts });
    expect(mails()).toHaveLength(1);

    await endRun("users", "succeeded", { counts: zeroCounts });
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: syncing users failed",
      "Vertask: users are syncing again",
    ]);
    expect(mails()[1].text).toContain("Resolved: users are syncing again.");

    await endRun("users", "succeeded", { counts: zeroCounts });
    expect(mails()).toHaveLength(2);
  });

  it("shows in the banner for superusers until it clears, never for a technician", async () => {
    const technician = await createActor("technician");
    await endRun("devices", "failed", { errorMessage: expiredSecret });
    expect((await openAlertsFor(world.admin)).map((a) => a.summary)).toEqual([
      `Syncing devices failed: ${expiredSecret}`,
    ]);
    expect(await openAlertsFor(technician)).toEqual([]);
    await endRun("devices", "succeeded", { counts: zeroCounts });
    expect(await openAlertsFor(world.admin)).toEqual([]);
  });
});

describe("a run held as Needs review", () => {
  const reviewNote = "This sync would disable or remove 40 of 100 active users (40%), more than the 10% threshold.";

  it("mails once, and Apply anyway clears it with one mail", async () => {
    const held = await endRun("users", "needs_review", { reviewNote, counts: zeroCounts });
    await alertOnRunEnded(held.id);
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: a sync of users needs review"]);
    expect(mails()[0].text).toContain(reviewNote);
    expect(mails()[0].text).toContain("Apply anyway");

    await applyReviewedRun(world.admin, held.id);
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: a sync of users needs review",
      "Vertask: the held sync of users is resolved",
    ]);
    expect(await openAlertsFor(world.admin)).toEqual([]);
  });

  it("clears when a later sync of that kind succeeds", async () => {
    await endRun("devices", "needs_review", { reviewNote, counts: zeroCounts });
    await endRun("devices", "succeeded", { counts: zeroCounts });
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: a sync of devices needs review",
      "Vertask: the held sync of devices is resolved",
    ]);
  });
});

describe("what does not change an alert", () => {
  it("a cancelled run neither raises nor clears anything", async () => {
    await endRun("users", "cancelled");
    expect(mails()).toHaveLength(0);
    await endRun("users", "failed", { errorMessage: expiredSecret });
    await endRun("users", "cancelled");
    expect(mails()).toHaveLength(1);
    expect(await openAlertsFor(world.admin)).toHaveLength(1);
  });

  it("an older run reported late does not reopen what a newer run cleared", async () => {
    const older = await endRun("users", "failed", { errorMessage: expiredSecret });
    await endRun("users", "succeeded", { counts: zeroCounts });
    await alertOnRunEnded(older.id);
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: syncing users failed",
      "Vertask: users are syncing again",
    ]);
    expect(await openAlertsFor(world.admin)).toEqual([]);
  });

  it("never throws: an unknown run, or a database that refuses, is logged in one line", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(alertOnRunEnded("00000000-0000-4000-8000-000000000000")).resolves.toBeUndefined();
    await expect(alertOnRunEnded("not a run id")).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/^Alerts for sync run not a run id could not be updated: /);
    logged.mockRestore();
  });
});

describe("who gets alert mail", () => {
  it("a superuser who turned alert mail off gets none; the others still do", async () => {
    const second = await createActor("superuser", "Sue Second");
    await setAlertEmailsChoice(world.admin, false);
    await endRun("users", "failed", { errorMessage: expiredSecret });
    expect(mails().map(recipientsOf)).toEqual([[second.email]]);
  });

  it("when no superuser wants alert mail, nothing is sent, and nothing old arrives once one turns it back on", async () => {
    await createActor("technician");
    await setAlertEmailsChoice(world.admin, false);
    await endRun("users", "failed", { errorMessage: expiredSecret });
    expect(mails()).toHaveLength(0);
    await setAlertEmailsChoice(world.admin, true);
    await runAlertSweep();
    expect(mails()).toHaveLength(0);
    await endRun("users", "succeeded", { counts: zeroCounts });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: users are syncing again"]);
  });

  it("only a superuser can change their own choice, and only their own", async () => {
    const technician = await createActor("technician");
    await expect(setAlertEmailsChoice(technician, false)).rejects.toThrow("Only a superuser can do this.");
    const other = await createActor("superuser");
    await setAlertEmailsChoice(other, false);
    const rows = await db
      .select({ id: staffUsers.id, alertEmails: staffUsers.alertEmails })
      .from(staffUsers)
      .where(eq(staffUsers.role, "superuser"));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.alertEmails]))).toEqual({
      [world.admin.id]: true,
      [other.id]: false,
    });
  });
});

describe("a mail server that fails", () => {
  it("leaves the mail waiting; the next attempt sends it once", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    inbox().refuseNext(1);
    await endRun("users", "failed", { errorMessage: expiredSecret });
    expect(mails()).toHaveLength(0);
    expect(await db.select().from(alertMails).where(isNull(alertMails.sentAt))).toHaveLength(1);
    expect(String(logged.mock.calls[0][0])).toMatch(
      /was not sent and waits for the next attempt: .*temporarily unavailable/,
    );
    logged.mockRestore();

    expect(await runAlertSweep()).toMatchObject({ sent: 1, waiting: 0 });
    expect(await runAlertSweep()).toMatchObject({ sent: 0, waiting: 0 });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: syncing users failed"]);
  });

  it("two senders at once send each waiting mail once", async () => {
    inbox().refuseNext(2);
    vi.spyOn(console, "error").mockImplementation(() => {});
    await endRun("users", "failed", { errorMessage: expiredSecret });
    await endRun("devices", "failed", { errorMessage: expiredSecret });
    vi.restoreAllMocks();
    expect(mails()).toHaveLength(0);
    await Promise.all([runAlertSweep(), runAlertSweep(), alertOnRunEnded("00000000-0000-4000-8000-000000000000")]);
    expect(
      mails()
        .map((m) => m.subject)
        .sort(),
    ).toEqual(["Vertask: syncing devices failed", "Vertask: syncing users failed"]);
  });
});
