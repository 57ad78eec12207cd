import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, type EntraConnection, type UsersScope } from "@/db/schema";
import { FieldError } from "@/lib/auth/field-error";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findOrCreateConnection, isWaitingForConsent } from "./connection-row";
import { findProviderApp, providerAppMissingMessage, swappedIdsHint } from "@/lib/credentials";
import { voidOpenConsentLinks } from "./open-consent-links";
import { lockConnections, organizationHoldingTenant, tenantTakenMessage } from "./tenant-holder";
import {
  connectionCredentialPurposes,
  hasCredential,
  newCredentialColumns,
  noCertificate,
  noSecret,
  saveCredential,
  uploadedCertificate,
  type CertificateCredential,
} from "@/lib/credentials";
import type { SyncSettingsForm } from "./form-schema";
import { frequencyLabels } from "./frequencies";
import { connectionMethodLabels } from "./connection-methods";
import { guideStep } from "@/lib/setup-guide/steps";

const fieldLabels = {
  method: "Connect with",
  enabled: "Status",
  syncFrequency: "Sync frequency",
  clientId: "Application (client) ID",
  tenantId: "Directory (tenant) ID",
  clientSecretExpiresOn: "Client secret expires on",
  syncExternalUsers: "Sync external users",
  inviteToPortal: "Invite synced users to the client portal",
} as const;

type Tracked = keyof typeof fieldLabels;

function problemsNeedingSavedSettings(
  form: SyncSettingsForm,
  stored: EntraConnection,
  certificate: CertificateCredential | null,
  now: Date,
) {
  const problems: Record<string, string> = {};
  const swapped = swappedIdsHint(form, stored);
  if (swapped) Object.assign(problems, { clientId: swapped, tenantId: swapped });
  if (form.credentialKind === "certificate") {
    if (!certificate && !stored.certificateKeyCiphertext) {
      problems.certificateKey =
        "Choose the certificate's private key and the certificate (PEM files), or choose Client secret.";
    }
    return problems;
  }
  if (!form.clientSecret && stored.certificateKeyCiphertext) {
    problems.clientSecret =
      "A certificate is stored: to sign in with a Client secret instead, enter the secret's Value, or choose Certificate.";
  } else if (form.status === "enabled" && !form.clientSecret && !stored.clientSecretCiphertext) {
    problems.clientSecret = `Enter the Client secret to enable syncing: the Value you copied in Certificates & secrets (${guideStep("clientSecret")}).`;
  }
  if (form.clientSecretExpiresOn) {
    const days = (Date.parse(`${form.clientSecretExpiresOn}T00:00:00Z`) - now.getTime()) / 86_400_000;
    if (days > 731 + 1)
      problems.clientSecretExpiresOn = "Microsoft client secrets last at most 24 months: check the Expires column.";
    else if (days < -1 && form.clientSecret) {
      problems.clientSecretExpiresOn = `This date has passed: an expired secret cannot sync. Create a new secret (${guideStep("clientSecret")}).`;
    }
  }
  return problems;
}

/** The audit row's words for a new credential: never the secret or the key, only what identifies a certificate. */
function credentialChanges(stored: EntraConnection, form: SyncSettingsForm, certificate: CertificateCredential | null) {
  const storedCertificate = stored.certificateThumbprintSha256
    ? `SHA-256 thumbprint ${stored.certificateThumbprintSha256}`
    : "none";
  if (certificate) {
    return {
      Certificate: {
        from: storedCertificate,
        to: `SHA-256 thumbprint ${certificate.thumbprintSha256}, expires ${certificate.expiresOn}`,
      },
    };
  }
  if (form.credentialKind === "secret" && form.clientSecret) {
    const secret = { "Client secret": { from: stored.clientSecretCiphertext ? "stored" : "none", to: "replaced" } };
    return stored.certificateKeyCiphertext
      ? { ...secret, Certificate: { from: storedCertificate, to: "none" } }
      : secret;
  }
  return {};
}

function describe(field: Tracked, value: unknown) {
  if (field === "method") return connectionMethodLabels[value as keyof typeof connectionMethodLabels];
  if (field === "enabled") return value ? "Enabled" : "Disabled";
  if (field === "syncFrequency") return frequencyLabels[value as keyof typeof frequencyLabels];
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return value ?? "";
}

/**
 * The provider's app brings the ID and the credential, and the consent the tenant: this form saves only the rest.
 * Switching to it forgets the organization's own credential; syncing starts once the administrator consents.
 */
async function providerAppColumns(tx: Transaction, form: SyncSettingsForm, stored: EntraConnection) {
  if (!hasCredential(await findProviderApp(tx))) throw new FieldError("connectWith", providerAppMissingMessage);
  const switching = stored.method !== "provider_app";
  if (form.status === "enabled" && (switching || isWaitingForConsent(stored))) {
    throw new FieldError(
      "status",
      "Choose Disabled until the customer's administrator has consented: a consent that passes Test connection sets Status to Enabled.",
    );
  }
  if (!switching) return { ids: { clientId: stored.clientId, tenantId: stored.tenantId }, credential: {} };
  // The tenant ID stays as a hint for the consent link; the client ID comes back with the consent.
  return { ids: { clientId: null, tenantId: stored.tenantId }, credential: { ...noSecret, ...noCertificate } };
}

/** Saves the "Azure User Sync" form; nothing is saved when any field has a problem. */
export async function saveSyncSettings(actor: Actor, form: SyncSettingsForm, now = new Date()) {
  authorize(actor, "superuser");
  const certificate = form.connectWith === "own_app" ? await uploadedCertificate(form, now) : null;
  const saved = await db.transaction(async (tx) => {
    await lockConnections(tx);
    const stored = await findOrCreateConnection(tx, form.organizationId);
    const viaProvider = form.connectWith === "provider_app" ? await providerAppColumns(tx, form, stored) : null;
    const problems = viaProvider ? {} : problemsNeedingSavedSettings(form, stored, certificate, now);
    if (Object.keys(problems).length) throw new FieldError(problems);

    const next: Pick<EntraConnection, Tracked> = {
      method: form.connectWith,
      enabled: form.status === "enabled",
      syncFrequency: form.syncFrequency,
      clientId: viaProvider ? viaProvider.ids.clientId : form.clientId,
      tenantId: viaProvider ? viaProvider.ids.tenantId : form.tenantId,
      clientSecretExpiresOn: (!viaProvider && form.credentialKind === "secret" && form.clientSecretExpiresOn) || null,
      syncExternalUsers: form.syncExternalUsers,
      inviteToPortal: form.inviteToPortal,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of Object.keys(fieldLabels) as Tracked[]) {
      if (stored[field] !== next[field])
        changes[fieldLabels[field]] = { from: describe(field, stored[field]), to: describe(field, next[field]) };
    }
    const credential = viaProvider
      ? viaProvider.credential
      : (newCredentialColumns(form, certificate, connectionCredentialPurposes(stored.id), now) ?? {});
    if (!viaProvider) Object.assign(changes, credentialChanges(stored, form, certificate));
    if (Object.keys(changes).length === 0) return "No changes to save.";

    if (next.tenantId && next.tenantId.toLowerCase() !== stored.tenantId?.toLowerCase()) {
      const holder = await organizationHoldingTenant(next.tenantId, stored.organizationId, tx);
      if (holder) throw new FieldError("tenantId", tenantTakenMessage(next.tenantId, holder));
    }
    // An admin consent link answers for the method and tenant it was made under: another one voids it.
    if (stored.method !== next.method || stored.tenantId?.toLowerCase() !== next.tenantId?.toLowerCase()) {
      await voidOpenConsentLinks(tx, { organizationId: stored.organizationId }, now);
    }
    // Delta links belong to one tenant and app: another tenant or app starts again with a full listing, and says
    // afresh whether it may read Intune.
    const otherDirectory = stored.tenantId !== next.tenantId || stored.clientId !== next.clientId;
    const deltaLinks = otherDirectory
      ? { usersDeltaLink: null, devicesDeltaLink: null, usersDeltaWithExternal: null, intuneReadable: null }
      : {};
    const { clientSecretExpiresOn, ...connectionColumns } = next;
    await tx
      .update(entraConnections)
      .set({ ...connectionColumns, ...deltaLinks, updatedAt: now })
      .where(eq(entraConnections.id, stored.id));
    if (Object.keys(credential).length || clientSecretExpiresOn !== stored.clientSecretExpiresOn)
      await saveCredential(tx, { connectionId: stored.id }, { ...credential, clientSecretExpiresOn }, now);
    await recordAuditEventAbout(
      tx,
      { connectionId: stored.id },
      actor,
      "azure.settings.updated",
      `Changed ${Object.keys(changes).join(", ")}`,
      changes,
    );
    return { message: "Changes saved.", connectionId: stored.id };
  });
  return typeof saved === "string" ? saved : saved.message;
}

/** The Microsoft Azure tab's choice between manual only and a scheduled sync: the same setting as the form's. */
export async function saveSyncSchedule(
  actor: Actor,
  organizationId: string,
  syncFrequency: SyncSettingsForm["syncFrequency"],
  now = new Date(),
) {
  authorize(actor, "superuser");
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('entra_connections'))`);
    const stored = await findOrCreateConnection(tx, organizationId);
    if (stored.syncFrequency === syncFrequency) return "No changes to save.";
    await tx.update(entraConnections).set({ syncFrequency, updatedAt: now }).where(eq(entraConnections.id, stored.id));
    const change = {
      from: describe("syncFrequency", stored.syncFrequency),
      to: describe("syncFrequency", syncFrequency),
    };
    await recordAuditEventAbout(
      tx,
      { connectionId: stored.id },
      actor,
      "azure.settings.updated",
      "Changed Sync frequency",
      { [fieldLabels.syncFrequency]: change },
    );
    return `Schedule saved: ${change.to}.`;
  });
}

function describeScope(scope: UsersScope) {
  const who =
    scope.mode === "all_users"
      ? "All users"
      : `Members of ${scope.groups.map((group) => group.displayName).join(", ")}`;
  const rules = [
    scope.skipUnlicensed && "skip accounts with no licence",
    scope.skipPatterns.length && `skip ${scope.skipPatterns.join(", ")}`,
    scope.skipDisabledOnFirstSight && "skip accounts disabled when first seen",
  ].filter(Boolean);
  return rules.length ? `${who}; ${rules.join("; ")}` : who;
}

/**
 * "Which users": the scope and exclusion rules of the users sync. The next users sync lists everyone again
 * under them (lib/sync-runs/begin-run.ts): who left the scope is removed, who entered it comes in.
 */
export async function saveUsersScope(actor: Actor, organizationId: string, scope: UsersScope, now = new Date()) {
  authorize(actor, "superuser");
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('entra_connections'))`);
    const stored = await findOrCreateConnection(tx, organizationId);
    const [from, to] = [describeScope(stored.usersScope), describeScope(scope)];
    if (JSON.stringify(stored.usersScope) === JSON.stringify(scope)) return "No changes to save.";
    await tx
      .update(entraConnections)
      .set({ usersScope: scope, updatedAt: now })
      .where(eq(entraConnections.id, stored.id));
    await recordAuditEventAbout(
      tx,
      { connectionId: stored.id },
      actor,
      "azure.settings.updated",
      "Changed Which users",
      { "Which users": { from, to } },
    );
    return "Changes saved. The next users sync checks every account against them; preview it first from the Microsoft Azure tab.";
  });
}
