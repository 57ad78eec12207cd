import "server-only";
import { eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { clients, devices, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { csvExport } from "@/lib/lists/csv-export";
import { deviceFilters, deviceOrder } from "./queries";
import { attentionReasonLabelsSql } from "./attention-filter";
import type { DeviceListQuery } from "./list-query";

const owners = alias(clients, "owners");

const columns = {
  "Display name": devices.displayName,
  "Operating system": devices.operatingSystem,
  Version: devices.operatingSystemVersion,
  Owner: owners.displayName,
  "Owner mail": owners.mail,
  Status: devices.status,
  Source: devices.source,
  Enabled: devices.accountEnabled,
  Managed: devices.isManaged,
  Compliant: devices.isCompliant,
  "Trust type": devices.trustType,
  Manufacturer: devices.manufacturer,
  Model: devices.model,
  "Device id": devices.deviceId,
  "Entra object id": devices.entraObjectId,
  "Last sign-in": devices.lastSignInAt,
  Registered: devices.registeredAt,
  Created: devices.createdAt,
  Updated: devices.updatedAt,
  "Last synced": devices.lastSyncedAt,
  Organization: organizations.name,
  "Needs attention": attentionReasonLabelsSql(devices.attentionReasons),
};

/**
 * Every device matching the list's filters (not one page), streamed in batches from a cursor; with `ids`, only
 * those of them (the rows ticked in the list).
 */
export async function* devicesCsv(actor: Actor, query: DeviceListQuery, ids?: string[]): AsyncGenerator<string> {
  authorize(actor, "staff");
  const where = ids ? inArray(devices.id, ids) : await deviceFilters(query);
  yield* csvExport(columns, (selection) =>
    db
      .select(selection)
      .from(devices)
      .innerJoin(organizations, eq(organizations.id, devices.organizationId))
      .leftJoin(owners, eq(devices.ownerClientId, owners.id))
      .where(where)
      .orderBy(...deviceOrder(query)),
  );
}
