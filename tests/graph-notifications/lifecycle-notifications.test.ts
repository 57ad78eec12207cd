// Graph's lifecycle notifications, sent by the fake tenant to the app's lifecycle endpoint over HTTPS, and the
// maintenance function that answers them: reauthorizationRequired renews, subscriptionRemoved makes the subscription
// again and catches up with a delta round, missed asks for a delta round at once.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { graphSubscriptions } from "@/db/schema";
import { graphSubscriptionsTick } from "@/inngest/graph-subscriptions-tick";
import { maintainGraphSubscriptionsFunction } from "@/inngest/maintain-graph-subscriptions";
import { hashClientState } from "@/lib/graph-notifications/client-state";
import { graphSend } from "@/tests/fake-entra/plain-requests";
import { useNotificationsWorld } from "./notifications-world";

const w = useNotificationsWorld();
const fake = () => w.world.fake;

/** Runs the maintenance function as the job engine would for this event; what it returned and the events it sent. */
async function runMaintenance(connectionId: string) {
  const engine = new InngestTestEngine({ function: maintainGraphSubscriptionsFunction });
  const { result, error, ctx } = await engine.execute({
    events: [{ name: "azure/subscriptions.maintenance-requested", data: { connectionId } }],
  });
  const sent = (ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((call) => call[1]);
  return { result, error, sent };
}

async function lifecycle(lifecycleEvent: "reauthorizationRequired" | "subscriptionRemoved" | "missed") {
  const [subscription] = fake().control.subscriptions();
  await fake().control.sendLifecycleNotification({ subscriptionId: subscription.id, lifecycleEvent });
  return subscription;
}

describe("lifecycle notifications", () => {
  it("reauthorizationRequired: the subscription is renewed by the maintenance it asks for", async () => {
    await w.goContinuous();
    const before = await lifecycle("reauthorizationRequired");
    const connectionId = await w.connectionId();
    expect(w.events).toEqual([
      expect.objectContaining({ name: "azure/subscriptions.maintenance-requested", data: { connectionId } }),
    ]);
    expect((await w.rows())[0].renewalRequestedAt).not.toBeNull();

    const { result, error, sent } = await runMaintenance(connectionId);
    expect(error).toBeUndefined();
    expect(result).toEqual({ created: 0, renewed: 1, deleted: 0, catchUp: false });
    expect(sent).toEqual([]);
    const [row] = await w.rows();
    expect(row).toMatchObject({ subscriptionId: before.id, renewalRequestedAt: null });
    expect(fake().control.subscriptions()).toEqual([expect.objectContaining({ id: before.id })]);
  });

  it("subscriptionRemoved: the subscription is made again, and a delta round catches up", async () => {
    await w.goContinuous();
    const removed = await lifecycle("subscriptionRemoved");
    const connectionId = await w.connectionId();
    expect(w.events.map((event) => event.name)).toEqual(["azure/subscriptions.maintenance-requested"]);
    expect((await w.rows())[0].removedAt).not.toBeNull();

    const { result, sent } = await runMaintenance(connectionId);
    expect(result).toEqual({ created: 1, renewed: 0, deleted: 1, catchUp: true });
    expect(sent).toEqual([
      expect.objectContaining({
        name: "azure/delta.requested",
        data: { connectionId, kind: "users", reason: "lifecycle" },
      }),
    ]);
    const [again] = fake().control.subscriptions();
    expect(again.id).not.toBe(removed.id);
    expect((await w.rows()).map((row) => row.subscriptionId)).toEqual([again.id]);
  });

  it("missed: a delta round of the users at once", async () => {
    await w.goContinuous();
    await lifecycle("missed");
    expect(w.events).toEqual([
      expect.objectContaining({
        name: "azure/delta.requested",
        data: { connectionId: await w.connectionId(), kind: "users", reason: "lifecycle" },
      }),
    ]);
  });

  it("the tick asks for the maintenance of a connection whose subscription nears expiry, once per slot", async () => {
    await w.goContinuous();
    const engine = () => new InngestTestEngine({ function: graphSubscriptionsTick });
    const quiet = await engine().execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(quiet.result).toEqual({ requested: 0 });

    await db.update(graphSubscriptions).set({ expiresAt: new Date(Date.now() + 86_400_000) });
    const { result, ctx } = await engine().execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(result).toEqual({ requested: 1 });
    const [[, events]] = (ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } }).mock.calls;
    expect(events).toEqual([
      expect.objectContaining({
        name: "azure/subscriptions.maintenance-requested",
        data: { connectionId: await w.connectionId() },
        id: expect.stringMatching(/^subscriptions-.+-\d+$/),
      }),
    ]);
  });

  it("a creation cut short between Graph and the database is cleaned up by the next maintenance", async () => {
    const connectionId = await w.connectionId();
    await w.goContinuous();
    // As if a process died after Graph made a second subscription and before its id was written.
    await db.insert(graphSubscriptions).values({
      connectionId,
      resource: "users",
      notificationUrl: `${w.appUrl()}/api/graph/notifications`,
      clientStateHash: hashClientState("lost"),
    });
    const orphan = await graphSend(fake(), "POST", "/v1.0/subscriptions", {
      changeType: "updated,deleted",
      notificationUrl: `${w.appUrl()}/api/graph/notifications`,
      resource: "/users",
      expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
      clientState: "lost",
    });
    expect(orphan.status).toBe(201);
    expect(fake().control.subscriptions()).toHaveLength(2);

    expect(await w.maintain()).toEqual({ created: 0, renewed: 0, deleted: 0, catchUp: false });
    const kept = (await w.rows()).map((row) => row.subscriptionId);
    expect(kept).toHaveLength(1);
    expect(
      fake()
        .control.subscriptions()
        .map((s) => s.id),
    ).toEqual(kept);
  });
});
