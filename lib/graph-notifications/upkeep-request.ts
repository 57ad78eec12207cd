import "server-only";
import { and, eq, exists, or } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, graphSubscriptions } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { subscriptionsMaintenanceRequested } from "@/lib/job-engine/events";
import { sendJobEvent } from "@/lib/job-engine/send-event";
import { wantsSubscriptionsSql } from "./wanted";

/**
 * After a superuser saves an organization's settings (Status, Sync frequency, Which users): a connection that wants
 * subscriptions or holds some has them brought in line at once, rather than at the next 5-minute tick; any other
 * sends nothing. The save stands whatever happens here: a job engine that does not answer leaves it to the tick.
 */
export async function askForSubscriptionUpkeep(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  const [connection] = await db
    .select({ id: entraConnections.id })
    .from(entraConnections)
    .where(
      and(
        eq(entraConnections.organizationId, organizationId),
        or(
          wantsSubscriptionsSql(),
          exists(
            db
              .select({ id: graphSubscriptions.id })
              .from(graphSubscriptions)
              .where(eq(graphSubscriptions.connectionId, entraConnections.id)),
          ),
        ),
      ),
    );
  if (!connection) return;
  await sendJobEvent(subscriptionsMaintenanceRequested.create({ connectionId: connection.id })).catch(() => undefined);
}
