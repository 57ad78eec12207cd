import "server-only";
import { z } from "zod";
import { deviceFields, graphProperties, graphTypes, userFields } from "@/lib/synced-fields";

type Fields = Record<string, z.ZodType>;

/** A listing names every field in `$select`; Graph sends null for an empty one (missing is read as null too). */
function listed<F extends Fields>(fields: F) {
  const entries = Object.entries(fields).map(([name, schema]) => [name, schema.nullable().default(null)]);
  return Object.fromEntries(entries) as { [K in keyof F]: z.ZodDefault<z.ZodNullable<F[K]>> };
}

/** A delta change carries at least the properties that changed: a missing one means "unchanged", not null. */
function changed<F extends Fields>(fields: F) {
  const entries = Object.entries(fields).map(([name, schema]) => [name, schema.nullable().optional()]);
  return Object.fromEntries(entries) as { [K in keyof F]: z.ZodOptional<z.ZodNullable<F[K]>> };
}

const objectId = z.string().min(1);

// The properties Vertask syncs are declared once, per kind, in lib/synced-fields.
const userTypes = graphTypes(userFields);
const deviceTypes = graphTypes(deviceFields);

export const USER_SELECT = ["id", ...graphProperties(userFields)];
export const DEVICE_SELECT = ["id", ...graphProperties(deviceFields)];

const directoryObjectReference = z.object({ id: objectId, "@odata.type": z.string().optional() });

export const graphUserSchema = z.object({ id: objectId, ...listed(userTypes) });
export const graphDeviceSchema = z.object({
  id: objectId,
  ...listed(deviceTypes),
  /** Present when the listing asked for `$expand=registeredOwners($select=id)`. */
  registeredOwners: z.array(directoryObjectReference).optional(),
});
export const graphUserChangeSchema = z.object({ id: objectId, ...changed(userTypes) });
export const graphDeviceChangeSchema = z.object({ id: objectId, ...changed(deviceTypes) });
export const directoryObjectReferenceSchema = directoryObjectReference;

export type GraphUser = z.infer<typeof graphUserSchema>;
export type GraphDevice = z.infer<typeof graphDeviceSchema>;
/** A user as a delta query sends it: the id and at least the properties that changed. */
export type GraphUserChange = z.infer<typeof graphUserChangeSchema>;
export type GraphDeviceChange = z.infer<typeof graphDeviceChangeSchema>;

/** `@removed.reason`: "changed" is a soft delete (restorable for 30 days), "deleted" is permanent. */
export const removedMarkerSchema = z.object({
  id: objectId,
  "@removed": z.object({ reason: z.enum(["changed", "deleted"]) }),
});

/** A page of any Graph collection, before its items are checked. */
export const graphCollectionPageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.url().optional(),
  "@odata.deltaLink": z.url().optional(),
});
