import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { deviceSummaryColumns } from "@/lib/devices/summary-columns";
import { requirePortalClient } from "@/lib/session/current-client";

/** The signed-in client's own details and active devices: the only data the portal reads. */
export async function getPortalOverview() {
  const portalClient = await requirePortalClient();
  const [client] = await db.select().from(clients).where(eq(clients.id, portalClient.clientId));
  const ownDevices = await db
    .select(deviceSummaryColumns)
    .from(devices)
    .where(and(eq(devices.ownerClientId, portalClient.clientId), eq(devices.status, "active")))
    .orderBy(asc(devices.displayName));
  return { client, devices: ownDevices };
}
