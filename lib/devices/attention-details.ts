import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices, organizations, type Device } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { attentionExplained, type AttentionFacts } from "./attention-words";

/** The device names shown beside "Same serial twice". */
const SAME_SERIAL_NAMES = 3;

/** Why the device needs attention, each reason in words with its figures; nothing is read for a device that needs none. */
export async function deviceAttention(actor: Actor, device: Device, now = new Date()) {
  authorize(actor, "staff");
  if (!device.attentionReasons.length) return [];
  const ownerId = device.ownerClientId ?? device.primaryUserClientId;
  const serial = device.serialNumber?.trim().toUpperCase();
  const [[thresholds], [owner], sameSerial] = await Promise.all([
    db
      .select({ staleSignInDays: organizations.staleSignInDays, staleCheckInDays: organizations.staleCheckInDays })
      .from(organizations)
      .where(eq(organizations.id, device.organizationId)),
    ownerId
      ? db.select({ name: clients.displayName, status: clients.status }).from(clients).where(eq(clients.id, ownerId))
      : [],
    serial && device.attentionReasons.includes("same_serial")
      ? db
          .select({ name: devices.displayName })
          .from(devices)
          .where(
            and(
              eq(devices.organizationId, device.organizationId),
              ne(devices.id, device.id),
              ne(devices.status, "removed"),
              sql`upper(trim(${devices.serialNumber})) = ${serial}`,
            ),
          )
          .orderBy(devices.displayName)
          .limit(SAME_SERIAL_NAMES)
      : [],
  ]);
  const facts: AttentionFacts = { ...thresholds, owner: owner ?? null, sameSerialOn: sameSerial.map((d) => d.name) };
  return attentionExplained(device, facts, now);
}
