import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { providerApp, type ProviderApp } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/auth/field-error";
import {
  newCredentialColumns,
  providerAppCredentialPurposes,
  uploadedCertificate,
  type CertificateCredential,
  findProviderApp,
  saveCredential,
} from "@/lib/credentials";
import type { ProviderAppForm } from "@/lib/credentials";
import { voidOpenConsentLinks } from "@/lib/connections";

/** The credential columns a save writes: at most one credential is kept, so a new one replaces the other. */
function credentialColumns(form: ProviderAppForm, certificate: CertificateCredential | null, now: Date) {
  const fresh = newCredentialColumns(form, certificate, providerAppCredentialPurposes, now);
  if (!fresh) return null;
  return { ...fresh, clientSecretExpiresOn: certificate ? null : form.clientSecretExpiresOn || null };
}

function credentialProblem(
  form: ProviderAppForm,
  stored: ProviderApp | null,
  fresh: boolean,
): Record<string, string> | null {
  if (fresh) return null;
  const field = form.credentialKind === "certificate" ? "certificateKey" : "clientSecret";
  if (!stored)
    return { [field]: "Enter the app's Client secret (its Value) or choose its certificate and private key." };
  if (stored.clientId.toLowerCase() !== form.clientId.toLowerCase()) {
    return {
      [field]: "Another Application (client) ID needs that app's own Client secret or certificate: enter it too.",
    };
  }
  if (form.credentialKind === "certificate" && !stored.certificateKeyCiphertext)
    return {
      certificateKey: "Choose the certificate's private key and the certificate (PEM files), or choose Client secret.",
    };
  if (form.credentialKind === "secret" && !stored.clientSecretCiphertext)
    return {
      clientSecret:
        "A certificate is stored: to sign in with a Client secret instead, enter the secret's Value, or choose Certificate.",
    };
  return null;
}

/**
 * Saves the provider's multi-tenant app: its Application (client) ID and a Client secret or a certificate. The secret
 * is never shown again; the audit row names only what identifies the credential.
 */
export async function saveProviderApp(actor: Actor, form: ProviderAppForm, now = new Date()) {
  authorize(actor, "superuser");
  const certificate = await uploadedCertificate(form, now);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('provider_app'))`);
    const stored = await findProviderApp(tx);
    const credential = credentialColumns(form, certificate, now);
    const problem = credentialProblem(form, stored, credential !== null);
    if (problem) throw new FieldError(problem);
    const expiresOn =
      form.credentialKind === "secret" && !credential
        ? { clientSecretExpiresOn: form.clientSecretExpiresOn || null }
        : {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (stored?.clientId !== form.clientId)
      changes["Application (client) ID"] = { from: stored?.clientId ?? "", to: form.clientId };
    if (certificate)
      changes.Certificate = {
        from: stored?.certificateThumbprintSha256 ? "stored" : "none",
        to: `SHA-256 thumbprint ${certificate.thumbprintSha256}, expires ${certificate.expiresOn}`,
      };
    else if (credential)
      changes["Client secret"] = { from: stored?.clientSecretCiphertext ? "stored" : "none", to: "replaced" };
    if (
      "clientSecretExpiresOn" in expiresOn &&
      (stored?.clientSecretExpiresOn ?? null) !== expiresOn.clientSecretExpiresOn
    ) {
      changes["Client secret expires on"] = {
        from: stored?.clientSecretExpiresOn ?? "",
        to: expiresOn.clientSecretExpiresOn ?? "",
      };
    }
    if (!Object.keys(changes).length) return "No changes to save.";
    const values = { clientId: form.clientId, updatedAt: now };
    await tx
      .insert(providerApp)
      .values({ id: true, ...values })
      .onConflictDoUpdate({ target: providerApp.id, set: values });
    const credentialChanges = { ...(credential ?? {}), ...expiresOn };
    if (Object.keys(credentialChanges).length)
      await saveCredential(tx, { providerAppId: true }, credentialChanges, now);
    // Consent is given to one app: links asking it for another stop working.
    const voided =
      stored && stored.clientId.toLowerCase() !== form.clientId.toLowerCase()
        ? await voidOpenConsentLinks(tx, "every-organization", now)
        : 0;
    if (voided) changes["Open admin consent links"] = { from: voided, to: "withdrawn" };
    await recordAuditEvent(
      tx,
      actor,
      "provider-app.updated",
      `Changed the provider's app: ${Object.keys(changes).join(", ")}`,
      changes,
    );
    return "Provider app saved. Each organization connected by it shows its admin consent link on its Settings tab.";
  });
}
