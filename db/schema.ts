import { sql, type SQL } from "drizzle-orm";
import {
  boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const staffRole = pgEnum("staff_role", ["superuser", "technician"]);
export const recordStatus = pgEnum("record_status", ["active", "disabled", "removed"]);
export const recordSource = pgEnum("record_source", ["azure", "manual"]);
export const syncKind = pgEnum("sync_kind", ["users", "devices"]);
export const syncTrigger = pgEnum("sync_trigger", ["manual", "scheduled", "command_line"]);
export const syncRunStatus = pgEnum("sync_run_status", ["queued", "running", "succeeded", "failed", "needs_review", "cancelled"]);
export const portalStatus = pgEnum("portal_status", ["invited", "active", "revoked"]);
export const syncFrequency = pgEnum("sync_frequency", ["manual", "hourly", "every_4_hours", "every_12_hours", "daily", "weekly"]);

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
  // A superuser's own choice to get alert mail (lib/alerts); technicians never get any.
  alertEmails: boolean("alert_emails").notNull().default(true),
  // Raised when the password or role changes, so sessions already open stop working (lib/session/current-staff).
  sessionVersion: integer("session_version").notNull().default(1),
  ...timestamps,
});

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

export const allUsersScope: UsersScope = { mode: "all_users", groups: [], skipUnlicensed: false, skipPatterns: [], skipDisabledOnFirstSight: false };

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
export const entraConnections = pgTable("entra_connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  organizationId: uuid("organization_id").notNull().unique().references(() => organizations.id),
  method: connectionMethod("method").notNull().default("own_app"),
  name: text("name").notNull(),
  enabled: boolean("enabled").notNull().default(false),
  syncFrequency: syncFrequency("sync_frequency").notNull().default("manual"),
  clientId: text("client_id"),
  tenantId: text("tenant_id"),
  // AES-256-GCM ciphertext tagged with the id of the key that made it (see lib/crypto).
  clientSecretCiphertext: text("client_secret_ciphertext"),
  clientSecretLastFour: text("client_secret_last_four"),
  clientSecretAddedAt: timestamp("client_secret_added_at", { withTimezone: true }),
  clientSecretExpiresOn: date("client_secret_expires_on"),
  // A certificate credential instead of the secret (Microsoft's recommendation): at most one of the two is
  // stored. The private key is encrypted like the secret; thumbprint, subject and expiry come from the certificate.
  certificateKeyCiphertext: text("certificate_key_ciphertext"),
  certificateThumbprintSha256: text("certificate_thumbprint_sha256"),
  certificateSubject: text("certificate_subject"),
  certificateExpiresOn: date("certificate_expires_on"),
  certificateAddedAt: timestamp("certificate_added_at", { withTimezone: true }),
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
  ...timestamps,
}, (t) => [
  // One tenant, one organization: a directory synced into two organizations would mix two customers' people.
  uniqueIndex("entra_connections_one_per_tenant").on(sql`lower(${t.tenantId})`),
]);

/**
 * The IT provider's one multi-tenant app ("Accounts in any organizational directory"), entered once by a superuser:
 * every organization connected by consent signs in with it, at its own tenant. At most one row. Its credential is
 * kept like a connection's (lib/sync-settings/provider-app.ts): at most one of a secret or a certificate.
 */
export const providerApp = pgTable(
  "provider_app",
  {
    id: boolean("id").primaryKey().default(true),
    clientId: text("client_id").notNull(),
    clientSecretCiphertext: text("client_secret_ciphertext"),
    clientSecretLastFour: text("client_secret_last_four"),
    clientSecretAddedAt: timestamp("client_secret_added_at", { withTimezone: true }),
    clientSecretExpiresOn: date("client_secret_expires_on"),
    certificateKeyCiphertext: text("certificate_key_ciphertext"),
    certificateThumbprintSha256: text("certificate_thumbprint_sha256"),
    certificateSubject: text("certificate_subject"),
    certificateExpiresOn: date("certificate_expires_on"),
    certificateAddedAt: timestamp("certificate_added_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [check("provider_app_one_row", sql`${t.id}`)],
);

export const consentOutcome = pgEnum("consent_outcome", ["connected", "not_working", "declined", "refused", "awaiting_confirmation", "rejected"]);

/** What a tenant says of itself (Graph's GET /organization), kept with an answer that waits for a superuser's confirmation. */
export type ConsentTenantDetails = { displayName: string | null; verifiedDomains: string[] } | { unreadable: string };

/** One line of what Test connection found, as the organization's page shows it after a consent. */
export type ConsentCheckLine = { label: string; ok: boolean | null; detail?: string };

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
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    requestedById: uuid("requested_by_id").notNull().references(() => staffUsers.id, { onDelete: "cascade" }),
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

/** Who changed what, and when: settings changes and sync requests. Never holds a secret. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => staffUsers.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    summary: text("summary").notNull(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>(),
  },
  (t) => [index("audit_events_at").on(t.at)],
);

/** The fields of a client added by hand that Entra also has, as typed, for a client a sync took over. */
export type TypedByHand = Partial<Record<"mail" | "mobilePhone" | "companyName", string>>;

export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id),
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
    // Whether Entra lists a licence for the account; null until a sync has asked.
    licensed: boolean("licensed"),
    status: recordStatus("status").notNull().default("active"),
    source: recordSource("source").notNull(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
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
    // A users sync looks up each page's new addresses among the clients added by hand (lib/sync/hand-made-matches.ts).
    index("clients_hand_made_address").on(sql`lower(trim(${t.mail}))`).where(sql`source = 'manual' AND entra_object_id IS NULL`),
    // "An active client already has this mail" (lib/clients/mail-in-use.ts), asked by every add, edit and import.
    index("clients_active_mail").on(sql`lower(trim(${t.mail}))`).where(sql`${t.status} = 'active'`),
  ],
);

export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id),
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
    // Entra's owner id, kept so an owner synced later is linked then (owner_client_id).
    ownerEntraObjectId: text("owner_entra_object_id"),
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
    index("devices_organization_name_order").on(t.organizationId, t.displayName, t.id),
    index("devices_owner").on(t.ownerClientId),
    index("devices_operating_system").on(t.operatingSystem),
  ],
);

export type SyncCounts = {
  created: number;
  updated: number;
  disabled: number;
  removed: number;
  restored: number;
  unchanged: number;
  skipped: number;
  /** Users linked to a client added by hand with the same address, instead of creating another. */
  matched: number;
};

/** The first few names behind each count ("created", "removed", …) and each skip reason. */
export type SyncExamples = Record<string, string[]>;

/** One sync of users or devices: recorded before it starts, updated as pages finish. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id").notNull().references(() => entraConnections.id),
    kind: syncKind("kind").notNull(),
    trigger: syncTrigger("trigger").notNull(),
    full: boolean("full").notNull().default(false),
    // "Sync external users" as it was when the run began: the whole run follows that one value.
    syncExternalUsers: boolean("sync_external_users"),
    // The users scope as it was when the run began (users runs only).
    usersScope: jsonb("users_scope").$type<UsersScope>(),
    // A preview computes what a users sync would do and writes no client.
    preview: boolean("preview").notNull().default(false),
    requestedById: uuid("requested_by_id").references(() => staffUsers.id, { onDelete: "set null" }),
    requestedByName: text("requested_by_name"),
    status: syncRunStatus("status").notNull().default("queued"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // Refreshed by whatever runs the sync (every page, and every few seconds while a step works): a run
    // whose heartbeat stops has lost its owner and is taken over (lib/sync-runs/run-owner.ts).
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    pagesDone: integer("pages_done").notNull().default(0),
    // Seconds the run waited because Graph throttled it (Retry-After), added up over its steps.
    graphWaitSeconds: integer("graph_wait_seconds").notNull().default(0),
    counts: jsonb("counts").$type<SyncCounts>(),
    skippedReasons: jsonb("skipped_reasons").$type<Record<string, number>>(),
    examples: jsonb("examples").$type<SyncExamples>(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    // A finished listing's delta link; stored on the connection once the run's changes are applied.
    deltaLink: text("delta_link"),
    reviewNote: text("review_note"),
  },
  (t) => [
    index("sync_runs_latest").on(t.connectionId, t.kind, t.queuedAt),
    // At most one queued or running sync of each kind per connection.
    uniqueIndex("sync_runs_one_active").on(t.connectionId, t.kind).where(sql`status IN ('queued', 'running')`),
  ],
);

/** What each page step wrote, so a retried step returns the same counts and writes nothing twice. */
export const syncRunPages = pgTable(
  "sync_run_pages",
  {
    runId: uuid("run_id").notNull().references(() => syncRuns.id, { onDelete: "cascade" }),
    pageIndex: integer("page_index").notNull(),
    counts: jsonb("counts").$type<SyncCounts>().notNull(),
    skippedReasons: jsonb("skipped_reasons").$type<Record<string, number>>().notNull(),
    examples: jsonb("examples").$type<SyncExamples>().notNull().default({}),
    nextLink: text("next_link"),
    deltaLink: text("delta_link"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.pageIndex] })],
);

/** Disables and removals a run found, applied together at its end (or held for review). */
export const syncPendingChanges = pgTable(
  "sync_pending_changes",
  {
    runId: uuid("run_id").notNull().references(() => syncRuns.id, { onDelete: "cascade" }),
    entraObjectId: text("entra_object_id").notNull(),
    toStatus: recordStatus("to_status").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.entraObjectId] })],
);

/** The users in a group-scoped run's chosen groups, listed before the users; kept for the run only. */
export const syncScopeMembers = pgTable(
  "sync_scope_members",
  {
    runId: uuid("run_id").notNull().references(() => syncRuns.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.objectId] })],
);

/** The users a preview listed: what a sync would mark synced, so the preview can tell who is gone from Entra. */
export const syncPreviewSeen = pgTable(
  "sync_preview_seen",
  {
    runId: uuid("run_id").notNull().references(() => syncRuns.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.objectId] })],
);

/** A client's access to the client portal: at most one per client, so a client is invited once. */
export const portalAccounts = pgTable("portal_accounts", {
  clientId: uuid("client_id").primaryKey().references(() => clients.id, { onDelete: "cascade" }),
  status: portalStatus("status").notNull().default("invited"),
  passwordHash: text("password_hash"),
  // Raised when access is revoked, so sessions already open stop working.
  sessionVersion: integer("session_version").notNull().default(1),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  activatedAt: timestamp("activated_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** One invitation mail. The link's token is never stored: only its hash, and the nonce it is made from. */
export const portalInvitations = pgTable(
  "portal_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id").notNull().references(() => clients.id, { onDelete: "cascade" }),
    // The users sync whose end made it (none for a resend), so the run history can count what it sent.
    syncRunId: uuid("sync_run_id").references(() => syncRuns.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    // Needed only until the mail is sent (a retry makes the same link); cleared after.
    nonce: text("nonce"),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // Claimed before the mail goes out, so a retried step never sends it twice.
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // A mail server that refused the address for good: shown on the client's page, not retried.
    sendError: text("send_error"),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    index("portal_invitations_unsent").on(t.sentAt),
    index("portal_invitations_client").on(t.clientId),
    index("portal_invitations_sync_run").on(t.syncRunId),
  ],
);

/** A "Send me a new link" mail for a portal client who forgot their password: only the link's hash is kept. */
export const portalPasswordResets = pgTable(
  "portal_password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id").notNull().references(() => clients.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("portal_password_resets_client").on(t.clientId)],
);

export const alertMailKind = pgEnum("alert_mail_kind", ["raised", "escalated", "cleared"]);

/**
 * Something wrong that superusers are told about once (lib/alerts): with a connection (a failed or held sync,
 * the secret's expiry, a failing connection check, a stalled schedule), or with the provider's multi-tenant app
 * (its credential's expiry). Open until it clears.
 */
export const alertConditions = pgTable(
  "alert_conditions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Whose condition it is: one connection's, or the provider app's (exactly one of the two is set).
    connectionId: uuid("connection_id").references(() => entraConnections.id, { onDelete: "cascade" }),
    providerAppId: boolean("provider_app_id").references(() => providerApp.id, { onDelete: "cascade" }),
    // What is wrong, per kind where it matters: "sync_failed:users", "secret_expiry", "connection_check", …
    conditionKey: text("condition_key").notNull(),
    // How far it has gone, where that matters: the secret's "30", "7", "1" days or "expired".
    stage: text("stage"),
    // The words the banner and the mail show: what happened and what to do. Never a secret.
    summary: text("summary").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
  },
  // One open row per condition: raising it again finds that row and mails nobody.
  (t) => [
    uniqueIndex("alert_conditions_one_open").on(t.connectionId, t.conditionKey).where(sql`cleared_at IS NULL`),
    uniqueIndex("alert_conditions_one_open_of_provider_app").on(t.providerAppId, t.conditionKey).where(sql`cleared_at IS NULL`),
    check("alert_conditions_one_subject", sql`num_nonnulls(${t.connectionId}, ${t.providerAppId}) = 1`),
  ],
);

/** One mail per condition event, recorded with the event and claimed (sent_at) before it goes out. */
export const alertMails = pgTable(
  "alert_mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conditionId: uuid("condition_id").notNull().references(() => alertConditions.id, { onDelete: "cascade" }),
    kind: alertMailKind("kind").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // How many superusers it went to; 0 when nobody had alert mail on.
    recipientCount: integer("recipient_count"),
  },
  (t) => [index("alert_mails_unsent").on(t.createdAt).where(sql`sent_at IS NULL`)],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];
export type Client = typeof clients.$inferSelect;
export type Device = typeof devices.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type PortalAccount = typeof portalAccounts.$inferSelect;
export type PortalInvitation = typeof portalInvitations.$inferSelect;
export type SyncKind = (typeof syncKind.enumValues)[number];
export type EntraConnection = typeof entraConnections.$inferSelect;
export type ProviderApp = typeof providerApp.$inferSelect;
export type ConnectionMethod = (typeof connectionMethod.enumValues)[number];
export type Organization = typeof organizations.$inferSelect;
export type SyncFrequency = (typeof syncFrequency.enumValues)[number];
export type AuditEvent = typeof auditEvents.$inferSelect;
export type AlertCondition = typeof alertConditions.$inferSelect;
export type AlertMail = typeof alertMails.$inferSelect;
export type RecordStatus = (typeof recordStatus.enumValues)[number];

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
