import { z } from "zod";
import type { Device } from "@/db/schema";
import { syncedFieldsOf } from "./declaration";

const { stored, converted, declare } = syncedFieldsOf<Device>();

const toDate = (value: string) => new Date(value);

/** The Entra device properties Vertask syncs into `devices` (see declaration.ts). */
export const deviceFields = declare({
  graph: {
    deviceId: stored(z.string(), "deviceId"),
    displayName: stored(z.string(), "displayName"),
    operatingSystem: stored(z.string(), "operatingSystem"),
    operatingSystemVersion: stored(z.string(), "operatingSystemVersion"),
    trustType: stored(z.string(), "trustType"),
    isManaged: stored(z.boolean(), "isManaged"),
    isCompliant: stored(z.boolean(), "isCompliant"),
    accountEnabled: stored(z.boolean(), "accountEnabled", { whenEmpty: true }),
    approximateLastSignInDateTime: converted(z.string(), "lastSignInAt", toDate),
    registrationDateTime: converted(z.string(), "registeredAt", toDate),
    manufacturer: stored(z.string(), "manufacturer"),
    model: stored(z.string(), "model"),
  },
  computed: {},
  name: (row) => row.displayName,
});

/**
 * A device's owner is no device property: it comes from the `registeredOwners` relationship (asked for each
 * listed page's devices in batches; lib/sync/devices-page.ts), and is written beside the fields above.
 */
export const deviceOwnerColumns = ["ownerEntraObjectId", "ownerClientId"] as const satisfies (keyof Device)[];
