// Customer organizations, their Microsoft Entra connection with its Azure User Sync settings, and admin-consent links.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { staffUsers } from "./staff";

export const syncFrequency = pgEnum("sync_frequency", [
  "manual",
  "hourly",
  "every_4_hours",
  "every_12_hours",
  "daily",
  "weekly",
  // "Continuously (within a minute)": a delta round per kind every minute, and on Graph's change notifications.
  "continuous",
]);

/** Which users a users sync brings in (lib/sync/users-scope.ts); the default is every account. */
export type UsersScope = {
  mode: "all_users" | "groups";
  /** Entra groups whose members, nested groups' members included, are synced (mode "groups"). */
  groups: { id: string; displayName: string }[];
  skipUnlicensed: boolean;
  /** Patterns matched against user principal name and mail, `*` as wildcard, e.g. `svc-*`. */
  skipPatterns: string[];
  skipDisabledOnFirstSight: boolean;
};

export const allUsersScope: UsersScope = {
  mode: "all_users",
  groups: [],
  skipUnlicensed: false,
  skipPatterns: [],
  skipDisabledOnFirstSight: false,
};

/**
 * A customer organization the IT provider supports: it owns its clients and devices, and syncs them from its
 * own Microsoft Entra tenant through at most one connection.
 */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // The domain its people's addresses end with ("contoso.com"); shown beside the name.
    primaryDomain: text("primary_domain"),
    // A device needs attention as stale after this many days without an Entra sign-in, or without an Intune
    // check-in (lib/devices/attention-radar.ts).
    staleSignInDays: integer("stale_sign_in_days").notNull().default(90),
    staleCheckInDays: integer("stale_check_in_days").notNull().default(30),
    ...timestamps,
  },
  (t) => [uniqueIndex("organizations_name_unique").on(sql`lower(${t.name})`)],
);

/**
 * How an organization's connection signs in: with an app registered in the customer's own tenant (the
 * guide's steps), or with the provider's one multi-tenant app that the customer's administrator consented to.
 */
export const connectionMethod = pgEnum("connection_method", ["own_app", "provider_app"]);

/** One organization's Microsoft Entra tenant that Vertask syncs from, with its Azure User Sync settings. */
export const entraConnections = pgTable(
  "entra_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .unique()
      .references(() => organizations.id),
    method: connectionMethod("method").notNull().default("own_app"),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    syncFrequency: syncFrequency("sync_frequency").notNull().default("manual"),
    clientId: text("client_id"),
    tenantId: text("tenant_id"),
    syncExternalUsers: boolean("sync_external_users").notNull().default(false),
    inviteToPortal: boolean("invite_to_portal").notNull().default(false),
    usersScope: jsonb("users_scope").$type<UsersScope>().notNull().default(allUsersScope),
    // A sync that would disable or remove more than this share of the active synced rows stops for review.
    reviewThresholdPercent: integer("review_threshold_percent").notNull().default(10),
    // Where the next incremental sync starts, and the "Sync external users" value it was made under.
    usersDeltaLink: text("users_delta_link"),
    usersDeltaWithExternal: boolean("users_delta_with_external"),
    // The users scope the delta link was made under: another scope needs everyone listed again.
    usersDeltaScope: jsonb("users_delta_scope").$type<UsersScope>(),
    devicesDeltaLink: text("devices_delta_link"),
    // Whether the last devices sync could read Intune's managed devices (null: none has asked yet); a sync says
    // so in its run only when this changes, so a missing permission is told once.
    intuneReadable: boolean("intune_readable"),
    // The last "Test connection" and when it ran, in the words the tab showed (the classifier's, never a secret).
    lastTest: jsonb("last_test").$type<ConnectionTestResult>(),
    lastTestedAt: timestamp("last_tested_at", { withTimezone: true }),
    // "Clients sign in to the portal with Microsoft" (lib/portal-microsoft-sign-in): on unless a superuser turns it
    // off, and in force only once a superuser said which redirect URI they registered on which app; another app or
    // another address (APP_URL) needs registering again.
    portalMicrosoftSignIn: boolean("portal_microsoft_sign_in").notNull().default(true),
    portalRedirectUri: text("portal_redirect_uri"),
    portalRedirectUriClientId: text("portal_redirect_uri_client_id"),
    portalRedirectUriRegisteredAt: timestamp("portal_redirect_uri_registered_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // One tenant, one organization: a directory synced into two organizations would mix two customers' people.
    uniqueIndex("entra_connections_one_per_tenant").on(sql`lower(${t.tenantId})`),
  ],
);

export const consentOutcome = pgEnum("consent_outcome", [
  "connected",
  "not_working",
  "declined",
  "refused",
  "awaiting_confirmation",
  "rejected",
]);

/** What a tenant says of itself (Graph's GET /organization), kept with an answer that waits for a superuser's confirmation. */
export type ConsentTenantDetails = { displayName: string | null; verifiedDomains: string[] } | { unreadable: string };

/** One line of what Test connection found, as the organization's page shows it after a consent. */
export type ConsentCheckLine = { label: string; ok: boolean | null; detail?: string };

/** What the last Test connection found: its sentence, its lines, and where to grant a missing permission. */
export type ConnectionTestResult = { ok: boolean; summary: string; checks: ConsentCheckLine[]; consentUrl?: string };

/**
 * An admin-consent link Vertask made for an organization: its `state` is stored only as a hash, works once, for one
 * hour, and only back in the session of the superuser who asked for it (the only defence against a forged return).
 */
/**
 * One admin consent link: what its answer may bind (the organization, the provider app's client id, and the tenant
 * when it was known when the link was made), and the last answer that came back with its `state`. An answer that
 * differs from what the link was made for is refused without using the link; one that fits uses it (`usedAt`) and
 * either binds the tenant (known in advance) or waits for a superuser's confirmation (`awaiting_confirmation`).
 * Changing the organization's connection method or tenant, or the provider app, voids its open links (`voidedAt`).
 */
export const consentRequests = pgTable(
  "consent_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    requestedById: uuid("requested_by_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    stateHash: text("state_hash").notNull().unique(),
    // The provider app the link asks consent for, and the tenant it names (null: "organizations", any tenant).
    clientId: text("client_id").notNull(),
    expectedTenantId: text("expected_tenant_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    // The last answer: when, the tenant it came from, what became of it and why, and what Test connection said (no secret, ever).
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    outcome: consentOutcome("outcome"),
    tenantId: text("tenant_id"),
    tenantDetails: jsonb("tenant_details").$type<ConsentTenantDetails>(),
    message: text("message"),
    checks: jsonb("checks").$type<ConsentCheckLine[]>(),
  },
  (t) => [index("consent_requests_organization").on(t.organizationId, t.createdAt)],
);

export type Organization = typeof organizations.$inferSelect;
export type ConnectionMethod = (typeof connectionMethod.enumValues)[number];
export type SyncFrequency = (typeof syncFrequency.enumValues)[number];
