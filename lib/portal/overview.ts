import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import type { PortalClient } from "./current-client";

/** The signed-in client's own details and devices: the only data the portal reads. */
export async function getPortalOverview(portalClient: PortalClient) {
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
    .where(eq(devices.ownerClientId, portalClient.clientId))
    .orderBy(asc(devices.displayName));
  return { client, devices: ownDevices };
}
