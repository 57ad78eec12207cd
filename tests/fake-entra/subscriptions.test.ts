// The fake's change notifications, checked over plain HTTPS against an endpoint the test serves: the validation
// handshake, Graph's limits on a subscription, notifications batched as Graph sends them, retries, expiry and
// lifecycle notifications (subscriptions.ts names the Microsoft pages each behaviour comes from).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { startHttpsEndpoint, type HttpsEndpoint } from "@/tests/support/https-endpoint";
import { graphSend } from "./plain-requests";

const fake = useFakeTenant({
  users: 20,
  seed: "subscriptions",
  notificationBatchWindowMs: 100,
  notificationRetryBaseMs: 200,
});

type Received = { url: URL; body: string };
const received: Received[] = [];
/** How the endpoint answers the next requests that are not a validation (200 by default). */
const nextAnswers: number[] = [];
/** How long the endpoint takes over the next requests that are not a validation (none by default). */
const nextDelays: number[] = [];
let echoValidation = true;
let endpoint: HttpsEndpoint;

beforeAll(async () => {
  endpoint = await startHttpsEndpoint(async (request) => {
    const url = new URL(request.url);
    const token = url.searchParams.get("validationToken");
    if (token !== null)
      return echoValidation
        ? new Response(token, { status: 200, headers: { "content-type": "text/plain" } })
        : new Response("nope", { status: 404 });
    received.push({ url, body: await request.text() });
    await new Promise((resolve) => setTimeout(resolve, nextDelays.shift() ?? 0));
    return new Response(null, { status: nextAnswers.shift() ?? 202 });
  });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  received.length = 0;
  nextAnswers.length = 0;
  nextDelays.length = 0;
  echoValidation = true;
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const notifications = () =>
  received.filter((r) => r.url.pathname === "/notify").flatMap((r) => JSON.parse(r.body).value);

async function subscribe(request: Record<string, unknown> = {}) {
  return graphSend(fake(), "POST", "/v1.0/subscriptions", {
    changeType: "updated,deleted",
    notificationUrl: `${endpoint.url}/notify`,
    lifecycleNotificationUrl: `${endpoint.url}/lifecycle`,
    resource: "/users",
    expirationDateTime: inAnHour(),
    clientState: "the-app-secret",
    ...request,
  });
}

describe("the fake tenant's change notifications", () => {
  it("creates a subscription only after its endpoint echoes the validation token", async () => {
    echoValidation = false;
    const refused = await subscribe();
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/validation request failed/i);

    echoValidation = true;
    const created = await subscribe();
    expect(created.status).toBe(201);
    const subscription = await created.json();
    expect(subscription).toMatchObject({ resource: "/users", changeType: "updated,deleted", clientState: null });
    await graphSend(fake(), "DELETE", `/v1.0/subscriptions/${subscription.id}`);
  });

  it("raises an expiry under 45 minutes to 45, and refuses one past 41,760 minutes or a clientState over 128 characters", async () => {
    const soon = await (await subscribe({ expirationDateTime: new Date(Date.now() + 60_000).toISOString() })).json();
    expect(new Date(soon.expirationDateTime).getTime() - Date.now()).toBeGreaterThan(44 * 60_000);
    const tooLong = await subscribe({ expirationDateTime: new Date(Date.now() + 41_761 * 60_000).toISOString() });
    expect(tooLong.status).toBe(400);
    expect((await subscribe({ clientState: "x".repeat(129) })).status).toBe(400);
    expect((await subscribe({ notificationUrl: "http://localhost/notify" })).status).toBe(400);
    await graphSend(fake(), "DELETE", `/v1.0/subscriptions/${soon.id}`);
  });

  it("sends changes made close together in one request, each with its subscription, clientState and tenant", async () => {
    const subscription = await (await subscribe()).json();
    const tenant = fake().tenant();
    const [first, second] = [tenant.userIdAt(1), tenant.userIdAt(2)];
    fake().control.disableUser({ id: first });
    fake().control.updateUser({ id: second, changes: { jobTitle: "Buyer" } });
    fake().control.hardDeleteUser({ id: tenant.userIdAt(3) });
    await fake().control.notificationsSettled();

    const requests = received.filter((r) => r.url.pathname === "/notify");
    expect(requests).toHaveLength(1);
    expect(notifications()).toEqual([
      expect.objectContaining({
        subscriptionId: subscription.id,
        clientState: "the-app-secret",
        changeType: "updated",
        resource: `Users/${first}`,
        tenantId: tenant.tenantId,
      }),
      expect.objectContaining({
        changeType: "updated",
        resource: `Users/${second}`,
        resourceData: expect.objectContaining({ id: second, "@odata.type": "#Microsoft.Graph.User" }),
      }),
      expect.objectContaining({ changeType: "deleted", resource: `Users/${tenant.userIdAt(3)}` }),
    ]);
    await graphSend(fake(), "DELETE", `/v1.0/subscriptions/${subscription.id}`);
  });

  it("sends a group change only to a subscription on groups", async () => {
    const users = await (await subscribe()).json();
    const groups = await (await subscribe({ resource: "/groups", changeType: "updated" })).json();
    const sales = fake().control.groupByName({ name: "Sales" });
    fake().control.addGroupMember({ groupId: sales.id, memberId: fake().tenant().userIdAt(5) });
    await fake().control.notificationsSettled();
    expect(notifications()).toEqual([
      expect.objectContaining({ subscriptionId: groups.id, resource: `Groups/${sales.id}` }),
    ]);
    for (const id of [users.id, groups.id]) await graphSend(fake(), "DELETE", `/v1.0/subscriptions/${id}`);
  });

  it("sends a notification again when the endpoint does not answer 2xx", async () => {
    const subscription = await (await subscribe()).json();
    nextAnswers.push(503, 500);
    fake().control.updateUser({ id: fake().tenant().userIdAt(6), changes: { department: "Legal" } });
    await fake().control.notificationsSettled();
    expect(received.filter((r) => r.url.pathname === "/notify")).toHaveLength(3);
    expect(
      fake()
        .control.notificationDeliveries()
        .slice(-3)
        .map((d) => d.status),
    ).toEqual([503, 500, 202]);
    await graphSend(fake(), "DELETE", `/v1.0/subscriptions/${subscription.id}`);
  });

  it("sends a notification again when the endpoint takes more than 3 seconds to answer", async () => {
    const subscription = await (await subscribe()).json();
    nextDelays.push(3_300);
    fake().control.updateUser({ id: fake().tenant().userIdAt(8), changes: { department: "Legal" } });
    await fake().control.notificationsSettled();
    expect(fake().control.notificationDeliveries().slice(-2)).toEqual([
      expect.objectContaining({ status: null, failure: "TimeoutError" }),
      expect.objectContaining({ status: 202 }),
    ]);
    await graphSend(fake(), "DELETE", `/v1.0/subscriptions/${subscription.id}`);
  });

  it("renews with PATCH, and an expired subscription sends nothing and is gone", async () => {
    const subscription = await (await subscribe()).json();
    const renewedUntil = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const renewed = await graphSend(fake(), "PATCH", `/v1.0/subscriptions/${subscription.id}`, {
      expirationDateTime: renewedUntil,
    });
    expect((await renewed.json()).expirationDateTime).toBe(renewedUntil);

    fake().control.passSubscriptionTime({ minutes: 3 * 24 * 60 });
    fake().control.updateUser({ id: fake().tenant().userIdAt(7), changes: { department: "Legal" } });
    await fake().control.notificationsSettled();
    expect(notifications()).toEqual([]);
    expect((await graphSend(fake(), "GET", `/v1.0/subscriptions/${subscription.id}`)).status).toBe(404);
    expect(
      (await graphSend(fake(), "PATCH", `/v1.0/subscriptions/${subscription.id}`, { expirationDateTime: inAnHour() }))
        .status,
    ).toBe(404);
  });

  it("sends each lifecycle notification on demand to the lifecycle URL; subscriptionRemoved removes the subscription", async () => {
    const subscription = await (await subscribe()).json();
    for (const lifecycleEvent of ["reauthorizationRequired", "missed", "subscriptionRemoved"] as const)
      await fake().control.sendLifecycleNotification({ subscriptionId: subscription.id, lifecycleEvent });
    const lifecycle = received.filter((r) => r.url.pathname === "/lifecycle").flatMap((r) => JSON.parse(r.body).value);
    expect(lifecycle.map((n: { lifecycleEvent: string }) => n.lifecycleEvent)).toEqual([
      "reauthorizationRequired",
      "missed",
      "subscriptionRemoved",
    ]);
    expect(lifecycle[0]).toMatchObject({
      subscriptionId: subscription.id,
      clientState: "the-app-secret",
      tenantId: fake().tenant().tenantId,
    });
    expect(fake().control.subscriptions()).toEqual([]);
  });
});
