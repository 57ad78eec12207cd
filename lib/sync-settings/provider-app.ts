import "server-only";
import { db, type Transaction } from "@/db/client";
import { providerApp, type ProviderApp } from "@/db/schema";
import type { EntraConnectionSettings } from "@/lib/azure";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { storedCredentialExpiry } from "./secret-expiry";

// The provider's multi-tenant app is one row, entered once; its credential is encrypted like a connection's,
// bound to this row, and decrypted only for the one call that needs a token.
export const providerSecretPurpose = "provider-app-client-secret";
export const providerCertificateKeyPurpose = "provider-app-certificate-key";

export async function findProviderApp(tx: Transaction | typeof db = db): Promise<ProviderApp | null> {
  const [row] = await tx.select().from(providerApp).limit(1);
  return row ?? null;
}

export const hasProviderCredential = (app: ProviderApp | null) => Boolean(app?.clientSecretCiphertext || app?.certificateKeyCiphertext);

export const providerAppMissingMessage =
  "The provider's multi-tenant app is not entered yet: a superuser enters it under Settings → Organizations → Provider app.";

/**
 * The settings a connection by the provider's app signs in with: the app's ID and credential, at the tenant that
 * consented. The consent was given to one app: when another app has been entered since, consent must be asked again.
 */
export async function providerAppSettings(tenantId: string, consentedClientId: string): Promise<EntraConnectionSettings> {
  const app = await findProviderApp();
  if (!app || !hasProviderCredential(app)) throw new ActionRefused(providerAppMissingMessage);
  if (app.clientId.toLowerCase() !== consentedClientId.toLowerCase()) {
    throw new ActionRefused(
      `This organization's administrator consented to the app ${consentedClientId}, and the provider's app is now ${app.clientId}: send them the new admin consent link from the organization's Settings tab.`,
    );
  }
  const credential = app.certificateKeyCiphertext
    ? { kind: "certificate" as const, privateKeyPem: decryptSecret(app.certificateKeyCiphertext, providerCertificateKeyPurpose), thumbprintSha256: app.certificateThumbprintSha256 ?? "" }
    : { kind: "secret" as const, secret: decryptSecret(app.clientSecretCiphertext!, providerSecretPurpose) };
  return { clientId: app.clientId, tenantId, credential };
}

/** The provider's app as its page shows it: never the secret or the key, only what identifies them. */
export async function getProviderAppView(actor: Actor, now = new Date()) {
  authorize(actor, "superuser");
  const app = await findProviderApp();
  return {
    clientId: app?.clientId ?? "",
    credentialKind: app?.certificateKeyCiphertext ? ("certificate" as const) : ("secret" as const),
    secret: app?.clientSecretCiphertext
      ? { stored: true as const, lastFour: app.clientSecretLastFour ?? "", addedAt: app.clientSecretAddedAt }
      : { stored: false as const },
    certificate: app?.certificateKeyCiphertext
      ? { stored: true as const, thumbprintSha256: app.certificateThumbprintSha256 ?? "", subject: app.certificateSubject ?? "", expiresOn: app.certificateExpiresOn ?? "", addedAt: app.certificateAddedAt }
      : { stored: false as const },
    clientSecretExpiresOn: app?.clientSecretExpiresOn ?? null,
    expiry: storedCredentialExpiry(app, now),
  };
}

export type ProviderAppView = Awaited<ReturnType<typeof getProviderAppView>>;
