import { sql, type SQL } from "drizzle-orm";
import {
  boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const staffRole = pgEnum("staff_role", ["superuser", "technician"]);
export const recordStatus = pgEnum("record_status", ["active", "disabled", "removed"]);
export const recordSource = pgEnum("record_source", ["azure", "manual"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** Lower-cased, accent-free text that list searches match with a trigram index. */
function searchText(...columns: string[]): SQL {
  const joined = columns.map((c) => `coalesce(${c}, '')`).join(" || ' ' || ");
  return sql.raw(`lower(immutable_unaccent(${joined}))`);
}

export const staffUsers = pgTable("staff_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: staffRole("role").notNull(),
  ...timestamps,
});

/** One Microsoft Entra tenant that Vertask syncs from; clients and devices point at it. */
export const entraConnections = pgTable("entra_connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  ...timestamps,
});

export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id").references(() => entraConnections.id),
    entraObjectId: text("entra_object_id"),
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
    businessPhones: text("business_phones").array().notNull().default(sql`'{}'::text[]`),
    status: recordStatus("status").notNull().default("active"),
    source: recordSource("source").notNull(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    ...timestamps,
    searchText: text("search_text").generatedAlwaysAs(searchText("display_name", "mail", "user_principal_name")),
  },
  (t) => [
    uniqueIndex("clients_entra_object_unique").on(t.connectionId, t.entraObjectId),
    index("clients_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    index("clients_name_order").on(t.displayName, t.id),
    index("clients_updated_order").on(t.updatedAt, t.id),
  ],
);

export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id").references(() => entraConnections.id),
    entraObjectId: text("entra_object_id"),
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
    ownerClientId: uuid("owner_client_id").references((): AnyPgColumn => clients.id, { onDelete: "set null" }),
    status: recordStatus("status").notNull().default("active"),
    source: recordSource("source").notNull(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    ...timestamps,
    searchText: text("search_text").generatedAlwaysAs(searchText("display_name")),
  },
  (t) => [
    uniqueIndex("devices_entra_object_unique").on(t.connectionId, t.entraObjectId),
    index("devices_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    index("devices_name_order").on(t.displayName, t.id),
    index("devices_owner").on(t.ownerClientId),
    index("devices_operating_system").on(t.operatingSystem),
  ],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];
export type Client = typeof clients.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type RecordStatus = (typeof recordStatus.enumValues)[number];
