// Staff accounts, how staff sign in with Microsoft, and the sign-in limits that count staff's and portal clients'
// attempts.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

export const staffRole = pgEnum("staff_role", ["superuser", "technician"]);

export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    role: staffRole("role").notNull(),
    // A superuser's own choice to get alert mail (lib/alerts); technicians never get any.
    alertEmails: boolean("alert_emails").notNull().default(true),
    // Raised when the password or role changes, so sessions already open stop working (lib/session/current-staff).
    sessionVersion: integer("session_version").notNull().default(1),
    // Made with `npm run create-superuser` on the server: the way back in, so its password works even when
    // Microsoft sign-in is required of all staff.
    createdFromCommandLine: boolean("created_from_command_line").notNull().default(false),
    // The Microsoft identity (tid + oid) the account is linked to at its first sign-in with Microsoft; from then on
    // it is matched by these alone, whatever its email becomes.
    microsoftTenantId: text("microsoft_tenant_id"),
    microsoftObjectId: text("microsoft_object_id"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("staff_users_microsoft_identity").on(t.microsoftTenantId, t.microsoftObjectId),
    check(
      "staff_users_microsoft_identity_whole",
      sql`(${t.microsoftTenantId} IS NULL) = (${t.microsoftObjectId} IS NULL)`,
    ),
  ],
);

/**
 * How staff sign in with Microsoft: the provider's own tenant and an app registration, its own (client id here,
 * its credential a row of `credentials`) or the provider's multi-tenant app (provider_app). At most one row.
 */
export const staffMicrosoftSignIn = pgTable(
  "staff_microsoft_sign_in",
  {
    id: boolean("id").primaryKey().default(true),
    tenantId: text("tenant_id").notNull(),
    // Null when the provider's multi-tenant app is used.
    clientId: text("client_id"),
    // Passwords are then refused, except those of accounts made with `npm run create-superuser`.
    requireMicrosoft: boolean("require_microsoft").notNull().default(false),
    ...timestamps,
  },
  (t) => [check("staff_microsoft_sign_in_one_row", sql`${t.id}`)],
);

/**
 * Sign-in limits (lib/auth/sign-in-limits.ts): one row per account or client address, kept in the database so
 * every app host counts the same attempts. An attempt is counted before its password hash is computed.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    // "account:staff:<email>", "account:setup", "address:<ip>", …
    key: text("key").primaryKey(),
    failures: integer("failures").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("sign_in_throttles_window").on(t.windowStartedAt)],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffMicrosoftSignIn = typeof staffMicrosoftSignIn.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];
