import { describe, expect, it } from "vitest";
import { deliverPendingAlertMail } from "@/lib/alerts/deliver-mail";
import { openAlertsFor } from "@/lib/alerts/queries";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";
import { saveSyncSchedule } from "@/lib/connections";
import { endRun, useAlertWorld } from "./alert-harness";
import { soleOrganizationId } from "@/tests/support/database";

const { world, mails } = useAlertWorld();

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
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

async function sweepNow() {
  await evaluateTimedAlerts(new Date());
  await deliverPendingAlertMail();
  return mails().map((m) => m.subject);
}

describe("scheduled syncs that stall", () => {
  it("are mailed once after two intervals without a success, and once when a sync of that kind succeeds", async () => {
    await saveSyncSchedule(world.admin, await soleOrganizationId(), "hourly");
    await endRun("users", "succeeded", { trigger: "scheduled", queuedAt: hoursAgo(5), counts: zeroCounts });
    // The job engine lost the next scheduled runs: cancelled, never failed.
    await endRun("users", "cancelled", { trigger: "scheduled", queuedAt: hoursAgo(2.5) });
    await endRun("users", "cancelled", { trigger: "scheduled", queuedAt: hoursAgo(1.5) });

    expect(await sweepNow()).toEqual(["Vertask: scheduled syncs of users have not succeeded"]);
    expect(mails()[0].text).toContain(
      "Scheduled syncs of users (Every hour) have not succeeded for two intervals in a row",
    );
    expect(await sweepNow()).toHaveLength(1);
    expect((await openAlertsFor(world.admin)).map((a) => a.conditionKey)).toEqual(["schedule_stalled:users"]);

    await endRun("users", "succeeded", { trigger: "manual", counts: zeroCounts });
    expect(await sweepNow()).toEqual([
      "Vertask: scheduled syncs of users have not succeeded",
      "Vertask: users are syncing again",
    ]);
  });

  it("are not mailed before two intervals have passed, nor while syncs run by hand only", async () => {
    await saveSyncSchedule(world.admin, await soleOrganizationId(), "every_4_hours");
    await endRun("devices", "cancelled", { trigger: "scheduled", queuedAt: hoursAgo(7) });
    expect(await sweepNow()).toEqual([]);
    await saveSyncSchedule(world.admin, await soleOrganizationId(), "manual");
    await endRun("devices", "cancelled", { trigger: "scheduled", queuedAt: hoursAgo(30) });
    expect(await sweepNow()).toEqual([]);
  });

  it("are not mailed a second time while that kind's failure is already open", async () => {
    await saveSyncSchedule(world.admin, await soleOrganizationId(), "hourly");
    await endRun("users", "failed", {
      trigger: "scheduled",
      queuedAt: hoursAgo(3),
      errorMessage: "Microsoft Graph did not answer in time.",
    });
    await endRun("users", "failed", {
      trigger: "scheduled",
      queuedAt: hoursAgo(2),
      errorMessage: "Microsoft Graph did not answer in time.",
    });
    expect(await sweepNow()).toEqual(["Vertask: syncing users failed"]);
    expect((await openAlertsFor(world.admin)).map((a) => a.conditionKey)).toEqual(["sync_failed:users"]);
  });
});
