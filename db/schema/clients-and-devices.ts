// The people (clients) and devices an organization has, synced from Entra or added by hand.
import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { entraConnections, organizations } from "./organizations-and-connections";

export const recordStatus = pgEnum("record_status", ["active", "disabled", "removed"]);
// "intune": a device Intune manages that has no Entra device (lib/sync/intune-page.ts).
export const recordSource = pgEnum("record_source", ["azure", "manual", "intune"]);

/** Lower-cased, accent-free text that list searches match with a trigram index. */
function searchText(...columns: string[]): SQL {
  const joined = columns.map((c) => `coalesce(${c}, '')`).join(" || ' ' || ");
  return sql.raw(`lower(immutable_unaccent(${joined}))`);
}

/** The fields of a client added by hand that Entra also has, as typed, for a client a sync took over. */
export type TypedByHand = Partial<Record<"mail" | "mobilePhone" | "companyName", string>>;

// Clients and devices are records of an organization kept the same way; each call makes fresh column builders.

/** Whose record it is: an organization's, and, once synced, which Entra connection and object it mirrors. */
const recordKeys = () => ({
  id: uuid("id").primaryKey().defaultRandom(),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id),
  connectionId: uuid("connection_id").references(() => entraConnections.id),
  entraObjectId: text("entra_object_id"),
});

/** Where the record stands, where it came from, and when a sync last saw it. */
const recordState = () => ({
  status: recordStatus("status").notNull().default("active"),
  source: recordSource("source").notNull(),
  lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
});

export const clients = pgTable(
  "clients",
  {
    ...recordKeys(),
    displayName: text("display_name").notNull(),
    givenName: text("given_name"),
    surname: text("surname"),
    mail: text("mail"),
    userPrincipalName: text("user_principal_name"),
    userType: text("user_type"),
    isExternal: boolean("is_external").notNull().default(false),
    accountEnabled: boolean("account_enabled").notNull().default(true),
    jobTitle: text("job_title"),
    department: text("department"),
    companyName: text("company_name"),
    officeLocation: text("office_location"),
    mobilePhone: text("mobile_phone"),
    businessPhones: text("business_phones")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Whether Entra lists a licence for the account; null until a sync has asked.
    licensed: boolean("licensed"),
    ...recordState(),
    // Kept only by Vertask: no sync writes it (it is not in lib/synced-fields), so staff edit it on every client.
    notes: text("notes"),
    // What was typed by hand before a sync took this client over (lib/sync/hand-made-matches.ts): shown wherever
    // Entra has nothing for the field, so a phone or company Entra leaves empty is never lost.
    typedByHand: jsonb("typed_by_hand").$type<TypedByHand>(),
    ...timestamps,
    searchText: text("search_text").generatedAlwaysAs(searchText("display_name", "mail", "user_principal_name")),
  },
  (t) => [
    uniqueIndex("clients_entra_object_unique").on(t.connectionId, t.entraObjectId),
    index("clients_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    index("clients_name_order").on(t.displayName, t.id),
    index("clients_organization_name_order").on(t.organizationId, t.displayName, t.id),
    index("clients_updated_order").on(t.updatedAt, t.id),
    // The lists leave removed clients out by default and say how many: counted from this small index.
    index("clients_removed")
      .on(t.organizationId)
      .where(sql`${t.status} = 'removed'`),
    // A users sync looks up each page's new addresses among the clients added by hand (lib/sync/hand-made-matches.ts).
    index("clients_hand_made_address")
      .on(sql`lower(trim(${t.mail}))`)
      .where(sql`source = 'manual' AND entra_object_id IS NULL`),
    // "An active client already has this mail" (lib/clients/mail-in-use.ts), asked by every add, edit and import.
    index("clients_active_mail")
      .on(sql`lower(trim(${t.mail}))`)
      .where(sql`${t.status} = 'active'`),
  ],
);

export const devices = pgTable(
  "devices",
  {
    ...recordKeys(),
    deviceId: text("device_id"),
    displayName: text("display_name").notNull(),
    operatingSystem: text("operating_system"),
    operatingSystemVersion: text("operating_system_version"),
    trustType: text("trust_type"),
    isManaged: boolean("is_managed"),
    isCompliant: boolean("is_compliant"),
    accountEnabled: boolean("account_enabled").notNull().default(true),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    manufacturer: text("manufacturer"),
    model: text("model"),
    // Entra's owner id, kept so an owner synced later is linked then (owner_client_id).
    ownerEntraObjectId: text("owner_entra_object_id"),
    ownerClientId: uuid("owner_client_id").references((): AnyPgColumn => clients.id, { onDelete: "set null" }),
    // What Intune says of the device (its managedDevice), joined by azureADDeviceId = device_id; all null when
    // Intune does not know it. A device only Intune has (source "intune") has no entra_object_id.
    intuneDeviceId: text("intune_device_id"),
    serialNumber: text("serial_number"),
    complianceState: text("compliance_state"),
    intuneLastSyncAt: timestamp("intune_last_sync_at", { withTimezone: true }),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }),
    ownership: text("ownership"),
    managementAgent: text("management_agent"),
    isEncrypted: boolean("is_encrypted"),
    primaryUserPrincipalName: text("primary_user_principal_name"),
    primaryUserDisplayName: text("primary_user_display_name"),
    primaryUserClientId: uuid("primary_user_client_id").references((): AnyPgColumn => clients.id, {
      onDelete: "set null",
    }),
    // Why the device needs attention ("stale", "owner_gone", …: lib/devices/attention-reasons.ts), worked out for
    // a whole organization at the end of each sync and when its thresholds change (lib/devices/attention-radar.ts).
    attentionReasons: text("attention_reasons")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...recordState(),
    ...timestamps,
    searchText: text("search_text").generatedAlwaysAs(
      searchText("display_name", "serial_number", "primary_user_display_name", "primary_user_principal_name"),
    ),
  },
  (t) => [
    uniqueIndex("devices_entra_object_unique").on(t.connectionId, t.entraObjectId),
    // A device only Intune has is known by its managedDevice id.
    uniqueIndex("devices_intune_only_unique")
      .on(t.connectionId, t.intuneDeviceId)
      .where(sql`entra_object_id IS NULL AND intune_device_id IS NOT NULL`),
    // The Intune listing joins each managed device to its Entra device by Entra's deviceId.
    index("devices_entra_device_id").on(t.connectionId, t.deviceId),
    index("devices_primary_user").on(t.primaryUserClientId),
    index("devices_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    index("devices_name_order").on(t.displayName, t.id),
    index("devices_organization_name_order").on(t.organizationId, t.displayName, t.id),
    index("devices_owner").on(t.ownerClientId),
    // The lists leave removed devices out by default and say how many: counted from this small index.
    index("devices_removed")
      .on(t.organizationId)
      .where(sql`${t.status} = 'removed'`),
    index("devices_operating_system").on(t.operatingSystem),
    // "Needs attention": the devices with a reason, in the list's order; its capped count reads this index alone
    // (the list's default status filter is in its condition). One reason: the GIN index.
    index("devices_needing_attention_name_order")
      .on(t.displayName, t.id)
      .where(sql`cardinality(${t.attentionReasons}) > 0 AND ${t.status} <> 'removed'`),
    index("devices_attention_reasons").using("gin", t.attentionReasons),
  ],
);

export type Client = typeof clients.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type RecordStatus = (typeof recordStatus.enumValues)[number];
