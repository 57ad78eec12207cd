// Change notifications end to end over HTTPS: the fake tenant makes and validates subscriptions against the app's
// real endpoints at APP_URL, sends its notifications there, and the app answers with job-engine events.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as notificationsRoute } from "@/app/api/graph/notifications/route";
import { saveSyncSettings, saveUsersScope, syncSettingsForm } from "@/lib/connections";
import { askForSubscriptionUpkeep, connectionsDueForMaintenance } from "@/lib/graph-notifications";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { soleOrganizationId } from "@/tests/support/database";
import { useNotificationsWorld } from "./notifications-world";

const w = useNotificationsWorld();
const fake = () => w.world.fake;

const notify = (body: unknown, address = "203.0.113.9", query = "") =>
  notificationsRoute(
    new Request(`${w.appUrl()}/api/graph/notifications${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(body),
    }),
  );

describe("change notifications", () => {
  it("answers Graph's validation request with the token, as text/plain", async () => {
    const answer = await notify({}, undefined, `?validationToken=${encodeURIComponent("Validation: token 1 & 2")}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await answer.text()).toBe("Validation: token 1 & 2");
  });

  it("subscribes to users once continuous with an https APP_URL, keeping only the clientState's hash", async () => {
    expect(await connectionsDueForMaintenance(new Date())).toEqual([]);
    await w.chooseFrequency("continuous");
    expect(await connectionsDueForMaintenance(new Date())).toEqual([await w.connectionId()]);

    expect(await w.maintain()).toEqual({ created: 1, renewed: 0, deleted: 0, catchUp: true });
    const [subscription] = fake().control.subscriptions();
    expect(subscription).toMatchObject({
      resource: "/users",
      notificationUrl: `${w.appUrl()}/api/graph/notifications`,
      lifecycleNotificationUrl: `${w.appUrl()}/api/graph/lifecycle`,
    });
    const [row] = await w.rows();
    expect(row).toMatchObject({ subscriptionId: subscription.id, resource: "users" });
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(28 * 86_400_000);
    expect(await connectionsDueForMaintenance(new Date())).toEqual([]);

    fake().control.updateUser({ id: fake().tenant().userIdAt(1), changes: { jobTitle: "Buyer" } });
    await w.settled();
    const clientState = JSON.parse(w.posted.at(-1)!).value[0].clientState as string;
    expect(row.clientStateHash).toBe(createHash("sha256").update(clientState).digest("hex"));
    expect(JSON.stringify(await w.rows())).not.toContain(clientState);
  });

  it("a saved setting asks for the subscriptions' upkeep at once, only where there are or should be some", async () => {
    await askForSubscriptionUpkeep(w.world.admin, await soleOrganizationId());
    expect(w.events).toEqual([]);
    await w.chooseFrequency("continuous");
    await askForSubscriptionUpkeep(w.world.admin, await soleOrganizationId());
    expect(w.events).toEqual([
      expect.objectContaining({
        name: "azure/subscriptions.maintenance-requested",
        data: { connectionId: await w.connectionId() },
      }),
    ]);
  });

  it("turns a batch of changes into one delta request of the connection's users", async () => {
    await w.goContinuous();
    const tenant = fake().tenant();
    fake().control.disableUser({ id: tenant.userIdAt(2) });
    fake().control.updateUser({ id: tenant.userIdAt(3), changes: { department: "Legal" } });
    fake().control.hardDeleteUser({ id: tenant.userIdAt(4) });
    await w.settled();

    const deliveries = fake()
      .control.notificationDeliveries()
      .filter((d) => d.url.endsWith("/notifications"));
    expect(deliveries.at(-1)).toMatchObject({ status: 202, count: 3 });
    expect(w.events).toEqual([
      expect.objectContaining({
        name: "azure/delta.requested",
        data: { connectionId: await w.connectionId(), kind: "users", reason: "notification" },
      }),
    ]);
    const [row] = await w.rows();
    expect(row.lastNotifiedAt).not.toBeNull();
  });

  it("in group scope also subscribes to groups: a membership change asks for a delta round of the users", async () => {
    const sales = fake().control.groupByName({ name: "Sales" });
    await saveUsersScope(w.world.admin, await soleOrganizationId(), {
      mode: "groups",
      groups: [sales],
      skipUnlicensed: false,
      skipPatterns: [],
      skipDisabledOnFirstSight: false,
    });
    expect(await w.goContinuous()).toMatchObject({ created: 2 });
    expect(
      fake()
        .control.subscriptions()
        .map((s) => s.resource)
        .sort(),
    ).toEqual(["/groups", "/users"]);

    fake().control.addGroupMember({ groupId: sales.id, memberId: fake().tenant().userIdAt(8) });
    await w.settled();
    expect(w.events).toEqual([
      expect.objectContaining({
        data: { connectionId: await w.connectionId(), kind: "users", reason: "notification" },
      }),
    ]);
  });

  it("refuses a notification with a wrong clientState, sends nothing, and locks out an address that keeps trying", async () => {
    await w.goContinuous();
    const [row] = await w.rows();
    const forged = { value: [{ subscriptionId: row.subscriptionId, clientState: "a guess", changeType: "updated" }] };
    expect((await notify(forged)).status).toBe(403);
    expect(w.events).toEqual([]);

    for (let attempt = 2; attempt <= 20; attempt++) await notify(forged);
    const locked = await notify(forged);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Graph's own notifications come from other addresses, and still arrive.
    fake().control.updateUser({ id: fake().tenant().userIdAt(5), changes: { department: "Legal" } });
    await w.settled();
    expect(w.events.map((event) => event.name)).toEqual(["azure/delta.requested"]);
    expect(JSON.stringify(w.events)).not.toContain("a guess");
  });

  it("ignores a notification for a subscription it does not hold, and refuses a body that is not Graph's", async () => {
    const unknown = { value: [{ subscriptionId: "0f0f0f0f-0000-0000-0000-000000000000", clientState: "x" }] };
    expect((await notify(unknown)).status).toBe(202);
    expect((await notify({ hello: "world" })).status).toBe(400);
    expect(w.events).toEqual([]);
  });

  it("renews a subscription before it expires, and asks Graph nothing when none is due", async () => {
    await w.goContinuous();
    const inTwentySixDays = new Date(Date.now() + 26 * 86_400_000);
    fake().control.resetRequestCounts();
    expect(await w.maintain(inTwentySixDays)).toEqual({ created: 0, renewed: 0, deleted: 0, catchUp: false });
    expect(fake().control.requestCounts().graph ?? 0).toBe(0);

    const inTwentyEightDays = new Date(Date.now() + 28 * 86_400_000);
    expect(await connectionsDueForMaintenance(inTwentyEightDays)).toEqual([await w.connectionId()]);
    // The fake's clock moves with the app's, so Graph sees the renewal a day before the expiry.
    fake().control.passSubscriptionTime({ minutes: 28 * 24 * 60 });
    expect(await w.maintain(inTwentyEightDays)).toEqual({ created: 0, renewed: 1, deleted: 0, catchUp: false });
    const [subscription] = fake().control.subscriptions();
    const [row] = await w.rows();
    expect(new Date(subscription.expirationDateTime).getTime()).toBe(row.expiresAt!.getTime());
    expect(row.expiresAt!.getTime() - inTwentyEightDays.getTime()).toBeGreaterThan(28 * 86_400_000);
  });

  it("removes its subscriptions when the organization's connection is disabled", async () => {
    await w.goContinuous();
    expect(fake().control.subscriptions()).toHaveLength(1);
    const form = syncSettingsForm.parse({
      organizationId: await soleOrganizationId(),
      status: "disabled",
      syncFrequency: "manual",
      clientId: CONTOSO.goodApp.clientId,
      tenantId: CONTOSO.tenantId,
      clientSecret: "",
      clientSecretExpiresOn: "",
      syncExternalUsers: "no",
      inviteToPortal: "no",
    });
    await saveSyncSettings(w.world.admin, form);
    expect(await connectionsDueForMaintenance(new Date())).toEqual([await w.connectionId()]);
    expect(await w.maintain()).toMatchObject({ deleted: 1, created: 0 });
    expect(fake().control.subscriptions()).toEqual([]);
    expect(await w.rows()).toEqual([]);
  });

  it("makes a subscription again when APP_URL moves", async () => {
    await w.goContinuous();
    const loopback = w.appUrl().replace("//localhost:", "//127.0.0.1:");
    process.env.APP_URL = loopback;
    expect(await connectionsDueForMaintenance(new Date())).toEqual([await w.connectionId()]);
    expect(await w.maintain()).toEqual({ created: 1, renewed: 0, deleted: 1, catchUp: true });
    expect(fake().control.subscriptions()).toEqual([
      expect.objectContaining({ notificationUrl: `${loopback}/api/graph/notifications` }),
    ]);
  });

  it("removes them when the connection leaves continuous mode, and makes none without an https APP_URL", async () => {
    await w.goContinuous();
    await w.chooseFrequency("hourly");
    expect(await w.maintain()).toMatchObject({ deleted: 1 });
    expect(fake().control.subscriptions()).toEqual([]);

    process.env.APP_URL = "http://vertask.example";
    await w.chooseFrequency("continuous");
    expect(await connectionsDueForMaintenance(new Date())).toEqual([]);
    expect(await w.maintain()).toEqual({ created: 0, renewed: 0, deleted: 0, catchUp: false });
  });
});
