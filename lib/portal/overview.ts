import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { requirePortalClient } from "./current-client";

/** The signed-in client's own details and active devices: the only data the portal reads. */
export async function getPortalOverview() {
  const portalClient = await requirePortalClient();
  const [client] = await db.select().from(clients).where(eq(clients.id, portalClient.clientId));
  const ownDevices = await db
    .select({
      id: devices.id,
      displayName: devices.displayName,
      operatingSystem: devices.operatingSystem,
      operatingSystemVersion: devices.operatingSystemVersion,
      isCompliant: devices.isCompliant,
      lastSignInAt: devices.lastSignInAt,
      status: devices.status,
    })
    .from(devices)
    .where(and(eq(devices.ownerClientId, portalClient.clientId), eq(devices.status, "active")))
    .orderBy(asc(devices.displayName));
  return { client, devices: ownDevices };
}
