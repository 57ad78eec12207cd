// From a change in Entra to the row in PostgreSQL through a change notification, with the real functions run in
// this process as the job engine would run them (tests/inngest-stand-in): the maintenance makes the subscription
// (Graph validates the app's endpoint over HTTPS), its catch-up round syncs everyone, and a user disabled in the
// fake tenant is disabled in Vertask by the notification's delta round, with no poll.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as lifecycleRoute } from "@/app/api/graph/lifecycle/route";
import { POST as notificationsRoute } from "@/app/api/graph/notifications/route";
import { maintainGraphSubscriptionsFunction } from "@/inngest/maintain-graph-subscriptions";
import { syncDelta } from "@/inngest/sync-delta";
import { syncUsers } from "@/inngest/sync-users";
import { saveSyncSchedule, saveUsersScope } from "@/lib/connections";
import { deltaRequested, subscriptionsMaintenanceRequested, syncRequested } from "@/lib/job-engine/events";
import { sendJobEvent } from "@/lib/job-engine/send-event";
import { startGatedEventApi } from "@/tests/inngest-stand-in/gated-event-api";
import { soleOrganizationId, theConnection } from "@/tests/support/database";
import { startHttpsEndpoint, type HttpsEndpoint } from "@/tests/support/https-endpoint";
import { clientsByObjectId, useSyncWorld } from "@/tests/sync/sync-harness";

const world = useSyncWorld({ users: 12, devices: 0, notificationBatchWindowMs: 100 });
let endpoint: HttpsEndpoint;
let engine: Awaited<ReturnType<typeof startGatedEventApi>>;

beforeAll(async () => {
  endpoint = await startHttpsEndpoint(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/graph/notifications") return notificationsRoute(request);
    if (path === "/api/graph/lifecycle") return lifecycleRoute(request);
    return new Response("Not found", { status: 404 });
  });
  process.env.APP_URL = endpoint.url;
  engine = await startGatedEventApi(Number(new URL(process.env.INNGEST_DEV!).port), {
    [subscriptionsMaintenanceRequested.name]: maintainGraphSubscriptionsFunction,
    [deltaRequested.name]: syncDelta,
    [syncRequested.users.name]: syncUsers,
  });
});
beforeEach(() => world.fake.control.resetSubscriptions());
afterAll(async () => {
  await engine.close();
  await endpoint.close();
});

/** Every function the events so far started, and those they sent, have ended. */
async function settle() {
  for (let wave = 0; wave < 6; wave++) {
    await world.fake.control.notificationsSettled();
    await engine.settled();
  }
  expect(engine.failures).toEqual([]);
}

describe("change notifications, end to end", () => {
  it("a user disabled in Entra is disabled in Vertask through the notification's delta round", async () => {
    await saveSyncSchedule(world.admin, await soleOrganizationId(), "continuous");
    const connectionId = (await theConnection())!.id;
    await sendJobEvent(subscriptionsMaintenanceRequested.create({ connectionId }));
    await settle();
    expect(world.fake.control.subscriptions()).toHaveLength(1);
    const leaver = world.fake.tenant().userIdAt(3);
    expect((await clientsByObjectId()).get(leaver)?.status).toBe("active");

    const changedAt = Date.now();
    world.fake.control.disableUser({ id: leaver });
    await settle();
    expect((await clientsByObjectId()).get(leaver)?.status).toBe("disabled");
    expect(Date.now() - changedAt).toBeLessThan(60_000);
  });

  it("in group scope, a user added to a chosen group comes in through the notification on /groups", async () => {
    const sales = world.fake.control.groupByName({ name: "Sales" });
    const organizationId = await soleOrganizationId();
    await saveUsersScope(world.admin, organizationId, {
      mode: "groups",
      groups: [sales],
      skipUnlicensed: false,
      skipPatterns: [],
      skipDisabledOnFirstSight: false,
    });
    await saveSyncSchedule(world.admin, organizationId, "continuous");
    await sendJobEvent(subscriptionsMaintenanceRequested.create({ connectionId: (await theConnection())!.id }));
    await settle();
    expect(
      world.fake.control
        .subscriptions()
        .map((s) => s.resource)
        .sort(),
    ).toEqual(["/groups", "/users"]);
    const members = new Set(world.fake.control.transitiveUserIds({ groupId: sales.id }));
    const newcomer = [...Array(12).keys()].map((i) => world.fake.tenant().userIdAt(i)).find((id) => !members.has(id))!;
    expect((await clientsByObjectId()).has(newcomer)).toBe(false);

    world.fake.control.addGroupMember({ groupId: sales.id, memberId: newcomer });
    await settle();
    expect((await clientsByObjectId()).get(newcomer)?.status).toBe("active");
  });
});
