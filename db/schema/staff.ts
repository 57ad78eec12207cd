// Staff accounts, and the sign-in limits that count staff's and portal clients' attempts.
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

export const staffRole = pgEnum("staff_role", ["superuser", "technician"]);

export const staffUsers = pgTable("staff_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: staffRole("role").notNull(),
  // A superuser's own choice to get alert mail (lib/alerts); technicians never get any.
  alertEmails: boolean("alert_emails").notNull().default(true),
  // Raised when the password or role changes, so sessions already open stop working (lib/session/current-staff).
  sessionVersion: integer("session_version").notNull().default(1),
  ...timestamps,
});

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
export type StaffRole = (typeof staffRole.enumValues)[number];
