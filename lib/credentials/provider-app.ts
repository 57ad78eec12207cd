import "server-only";
import { db, type Transaction } from "@/db/client";
import { eq, getTableColumns } from "drizzle-orm";
import { credentials, providerApp, type ProviderApp } from "@/db/schema";
import type { EntraConnectionSettings } from "@/lib/azure";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { storedCredentialColumns } from "./credential-row";
import { providerAppCredentialPurposes } from "./purposes";
import { decryptCredential, describeCredential, hasCredential } from "./stored";

// The provider's multi-tenant app is one row, entered once; its credential is encrypted like a connection's
// (lib/credentials), and decrypted only for the one call that needs a token.

export async function findProviderApp(tx: Transaction | typeof db = db): Promise<ProviderApp | null> {
  const [row] = await tx
    .select({ ...getTableColumns(providerApp), ...storedCredentialColumns })
    .from(providerApp)
    .leftJoin(credentials, eq(credentials.providerAppId, providerApp.id))
    .limit(1);
  return row ?? null;
}

export const providerAppMissingMessage =
  "The provider's multi-tenant app is not entered yet: a superuser enters it under Settings → Organizations → Provider app.";

/**
 * The settings a connection by the provider's app signs in with: the app's ID and credential, at the tenant that
 * consented. The consent was given to one app: when another app has been entered since, consent must be asked again.
 */
export async function providerAppSettings(
  tenantId: string,
  consentedClientId: string,
): Promise<EntraConnectionSettings> {
  const app = await findProviderApp();
  if (!app || !hasCredential(app)) throw new ActionRefused(providerAppMissingMessage);
  if (app.clientId.toLowerCase() !== consentedClientId.toLowerCase()) {
    throw new ActionRefused(
      `This organization's administrator consented to the app ${consentedClientId}, and the provider's app is now ${app.clientId}: send them the new admin consent link from the organization's Settings tab.`,
    );
  }
  return { clientId: app.clientId, tenantId, credential: decryptCredential(app, providerAppCredentialPurposes) };
}

/** The provider's app as its page shows it: never the secret or the key, only what identifies them. */
export async function getProviderAppView(actor: Actor, now = new Date()) {
  authorize(actor, "superuser");
  const app = await findProviderApp();
  return { clientId: app?.clientId ?? "", ...describeCredential(app, now) };
}

export type ProviderAppView = Awaited<ReturnType<typeof getProviderAppView>>;
