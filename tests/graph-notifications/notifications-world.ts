// A fake tenant that sends change notifications to the app's real route handlers, served over HTTPS at APP_URL,
// a connection in continuous mode, and the job-engine events the endpoints send, recorded.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { graphSubscriptions } from "@/db/schema";
import { POST as notificationsRoute } from "@/app/api/graph/notifications/route";
import { POST as lifecycleRoute } from "@/app/api/graph/lifecycle/route";
import { maintainGraphSubscriptions } from "@/lib/graph-notifications";
import { graphOptions } from "@/tests/azure/fake-tenant-harness";
import { useSyncWorld } from "@/tests/sync/sync-harness";
import { saveSyncSchedule } from "@/lib/connections";
import type { SyncFrequency } from "@/db/schema";
import { soleOrganizationId, theConnection } from "@/tests/support/database";
import { startHttpsEndpoint, type HttpsEndpoint } from "@/tests/support/https-endpoint";
import { useInngestEventApi } from "@/tests/support/inngest-event-api";

export function useNotificationsWorld() {
  const world = useSyncWorld({ users: 12, devices: 2, notificationBatchWindowMs: 100, notificationRetryBaseMs: 200 });
  const events = useInngestEventApi();
  /** Every body Graph (the fake) posted to the app, as sent: the tests look for secrets in them. */
  const posted: string[] = [];
  let endpoint: HttpsEndpoint;
  beforeAll(async () => {
    endpoint = await startHttpsEndpoint(async (request) => {
      posted.push(await request.clone().text());
      const path = new URL(request.url).pathname;
      if (path === "/api/graph/notifications") return notificationsRoute(request);
      if (path === "/api/graph/lifecycle") return lifecycleRoute(request);
      return new Response("Not found", { status: 404 });
    });
    process.env.APP_URL = endpoint.url;
  });
  beforeEach(() => {
    world.fake.control.resetSubscriptions();
    posted.length = 0;
    process.env.APP_URL = endpoint.url;
  });
  afterAll(() => endpoint.close());

  const connectionId = async () => (await theConnection())!.id;
  return {
    world,
    events,
    posted,
    appUrl: () => endpoint.url,
    connectionId,
    /** The connection in continuous mode with its subscriptions made, as the maintenance makes them. */
    /** Sync frequency as a superuser chooses it on the Microsoft Azure tab. */
    async chooseFrequency(frequency: SyncFrequency) {
      await saveSyncSchedule(world.admin, await soleOrganizationId(), frequency);
    },
    async goContinuous() {
      await this.chooseFrequency("continuous");
      return this.maintain();
    },
    async maintain(now = new Date()) {
      return maintainGraphSubscriptions(await connectionId(), now, graphOptions(world.fake));
    },
    rows: async () =>
      db
        .select()
        .from(graphSubscriptions)
        .where(eq(graphSubscriptions.connectionId, await connectionId())),
    settled: () => world.fake.control.notificationsSettled(),
  };
}
