import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { closeDatabase, db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { disabledMessage, saveSyncSettings, syncSettingsForm } from "@/lib/connections";
import { describeNextScheduledSync, findDueSyncs, queueDueSyncs } from "@/lib/sync-runs/schedule";
import { syncScheduleTick } from "@/inngest/sync-schedule-tick";
import type { Actor } from "@/lib/auth/authorize";
import { createActor, resetDatabase, soleOrganizationId } from "../support/database";
import { connectCustomerTenant } from "../support/organizations";
import { useInngestEventApi } from "../support/inngest-event-api";

let admin: Actor;
const received = useInngestEventApi();
const hoursAgo = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000);

async function configure(status: "enabled" | "disabled", syncFrequency: string) {
  await saveSyncSettings(
    admin,
    syncSettingsForm.parse({
      organizationId: await soleOrganizationId(),
      status,
      syncFrequency,
      clientId: "0b5d7c2e-4f1a-4c8e-9a6d-3e2f1b0c9d84",
      tenantId: "contoso.onmicrosoft.com",
      clientSecret: "Vq8Q~3fakeGoodSecretForVertask.4x7ZpLm2",
      clientSecretExpiresOn: "",
      syncExternalUsers: "no",
      inviteToPortal: "no",
    }),
  );
}

beforeEach(async () => {
  await resetDatabase();
  admin = await createActor("superuser");
});
afterAll(closeDatabase);

describe("the schedule", () => {
  it("with Status Enabled and Every hour, both kinds are due until a run of that kind is less than an hour old", async () => {
    await configure("enabled", "hourly");
    const now = new Date("2026-11-26T15:00:00Z");
    expect((await findDueSyncs(now)).map((d) => d.kind).sort()).toEqual(["devices", "users"]);
    const [queued] = await queueDueSyncs((await findDueSyncs(now)).filter((d) => d.kind === "users"));
    await db.update(syncRuns).set({ status: "succeeded", queuedAt: hoursAgo(now, 0.5) });
    expect((await findDueSyncs(now)).map((d) => d.kind)).toEqual(["devices"]);
    await db.update(syncRuns).set({ queuedAt: hoursAgo(now, 2) });
    expect((await findDueSyncs(now)).map((d) => d.kind).sort()).toEqual(["devices", "users"]);
    expect(queued.runId).toBeTruthy();
  });

  it("saving a schedule says when the next sync starts: the first tick at which the schedule finds one due", async () => {
    await configure("enabled", "hourly");
    const lastRuns = new Date("2026-11-26T14:32:00Z");
    await queueDueSyncs(await findDueSyncs(lastRuns));
    await db.update(syncRuns).set({ status: "succeeded", queuedAt: lastRuns });
    const said = await describeNextScheduledSync(
      { organizationId: await soleOrganizationId() },
      new Date("2026-11-26T15:00:00Z"),
    );
    expect(said).toMatch(/^Syncs run every hour; the next one starts at about .*26 Nov.* 15:30 UTC\.$/);
    expect(await findDueSyncs(new Date("2026-11-26T15:20:00Z"))).toEqual([]);
    expect((await findDueSyncs(new Date("2026-11-26T15:30:00Z"))).map((d) => d.kind).sort()).toEqual([
      "devices",
      "users",
    ]);
  });

  it("says that nothing runs on a schedule for Manual only, or while Status is Disabled", async () => {
    await configure("enabled", "manual");
    expect(await describeNextScheduledSync({ organizationId: await soleOrganizationId() })).toBe(
      "Syncs run only when someone clicks Sync now.",
    );
    await configure("disabled", "daily");
    expect(await describeNextScheduledSync({ organizationId: await soleOrganizationId() })).toBe(
      `Syncs are set to run daily, but none will run yet. ${disabledMessage}`,
    );
  });

  it("nothing is due when Status is Disabled or the frequency is Manual only", async () => {
    await configure("disabled", "hourly");
    expect(await findDueSyncs(new Date())).toEqual([]);
    await configure("enabled", "manual");
    expect(await findDueSyncs(new Date())).toEqual([]);
  });

  it("two ticks in the same interval name the same slot, and queue one run", async () => {
    await configure("enabled", "daily");
    const first = await findDueSyncs(new Date("2026-11-26T09:00:00Z"));
    const second = await findDueSyncs(new Date("2026-11-26T09:10:00Z"));
    expect(second.map((d) => d.slot)).toEqual(first.map((d) => d.slot));
    const a = await queueDueSyncs(first);
    const b = await queueDueSyncs(second);
    expect(b.map((q) => q.runId)).toEqual(a.map((q) => q.runId));
    expect(await db.select().from(syncRuns)).toHaveLength(2);
  });

  it("the cron function queues the due runs and sends one event per run, with the slot in its id", async () => {
    await configure("enabled", "every_4_hours");
    const { result } = await new InngestTestEngine({ function: syncScheduleTick }).execute({
      events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
    });
    expect(result).toEqual({ sent: 2 });
    const runs = await db.select().from(syncRuns);
    expect(runs.map((r) => r.trigger)).toEqual(["scheduled", "scheduled"]);
    const sent = received as { id: string; name: string; data: { runId: string } }[];
    expect(sent.map((e) => e.name).sort()).toEqual(["azure/devices.sync-requested", "azure/users.sync-requested"]);
    expect(sent.every((e) => /^scheduled-.+-(users|devices)-\d+$/.test(e.id))).toBe(true);
    expect(sent.map((e) => e.data.runId).sort()).toEqual(runs.map((r) => r.id).sort());
  });

  it("with 300 organizations due in the same minute, one tick queues and sends one sync per connection and kind, and the next tick none", async () => {
    const organizations = await Promise.all(
      Array.from({ length: 300 }, (_, n) =>
        connectCustomerTenant(
          {
            tenantId: crypto.randomUUID(),
            domain: `customer${n}.onmicrosoft.com`,
            displayName: `Customer ${n}`,
            app: { clientId: crypto.randomUUID(), secret: `Secret~${n}.fake` },
          },
          { syncFrequency: "hourly" },
        ),
      ),
    );
    const tick = () =>
      new InngestTestEngine({ function: syncScheduleTick }).execute({
        events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
      });
    expect((await tick()).result).toEqual({ sent: 600 });
    const runs = await db.select().from(syncRuns);
    expect(runs).toHaveLength(600);
    const sent = received as { id: string; name: string; data: { runId: string; connectionId: string } }[];
    expect(new Set(sent.map((e) => e.id)).size).toBe(600);
    expect(sent.map((e) => e.data.runId).sort()).toEqual(runs.map((r) => r.id).sort());
    const perConnection = new Map<string, number>();
    for (const event of sent)
      perConnection.set(event.data.connectionId, (perConnection.get(event.data.connectionId) ?? 0) + 1);
    expect([...perConnection.keys()].sort()).toEqual(organizations.map((o) => o.connectionId).sort());
    expect([...perConnection.values()].every((count) => count === 2)).toBe(true);

    expect((await tick()).result).toEqual({ sent: 0 });
    expect(await db.select().from(syncRuns)).toHaveLength(600);
  });

  it("says when each organization's next sync starts, from its own runs", async () => {
    const [early, late] = await Promise.all(
      [0, 1].map((n) =>
        connectCustomerTenant(
          {
            tenantId: crypto.randomUUID(),
            domain: `customer${n}.onmicrosoft.com`,
            displayName: `Customer ${n}`,
            app: { clientId: crypto.randomUUID(), secret: `Secret~${n}.fake` },
          },
          { syncFrequency: "hourly" },
        ),
      ),
    );
    await queueDueSyncs(await findDueSyncs(new Date("2026-11-26T14:02:00Z")));
    await db.update(syncRuns).set({ status: "succeeded", queuedAt: new Date("2026-11-26T14:02:00Z") });
    await db
      .update(syncRuns)
      .set({ queuedAt: new Date("2026-11-26T14:32:00Z") })
      .where(eq(syncRuns.connectionId, late.connectionId));
    const now = new Date("2026-11-26T14:40:00Z");
    expect(await describeNextScheduledSync({ connectionId: early.connectionId }, now)).toMatch(
      /^Syncs run every hour; the next one starts at about .*26 Nov.* 15:00 UTC\.$/,
    );
    expect(await describeNextScheduledSync({ connectionId: late.connectionId }, now)).toMatch(
      /^Syncs run every hour; the next one starts at about .*26 Nov.* 15:30 UTC\.$/,
    );
  });
});
