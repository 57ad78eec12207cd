import "server-only";
import { and, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { entraConnections, providerApp } from "@/db/schema";

type CredentialTable = typeof entraConnections | typeof providerApp;

/** What storedCredentialExpiry reads of a row: whether each credential is stored (never the ciphertext itself), and its date. */
export const credentialDateColumns = (table: CredentialTable) => ({
  clientSecretCiphertext: sql<string | null>`CASE WHEN ${table.clientSecretCiphertext} IS NOT NULL THEN 'stored' END`,
  clientSecretExpiresOn: table.clientSecretExpiresOn,
  certificateKeyCiphertext: sql<
    string | null
  >`CASE WHEN ${table.certificateKeyCiphertext} IS NOT NULL THEN 'stored' END`,
  certificateExpiresOn: table.certificateExpiresOn,
});

/** The stored credential (the certificate's, else the secret's) expires within 30 days of `now`, or has expired: what warns. */
export function credentialExpiresSoon(table: CredentialTable, now: Date) {
  const horizon = sql`${now.toISOString().slice(0, 10)}::date + 30`;
  return or(
    and(isNotNull(table.certificateKeyCiphertext), sql`${table.certificateExpiresOn} <= ${horizon}`),
    and(
      isNull(table.certificateKeyCiphertext),
      isNotNull(table.clientSecretCiphertext),
      sql`${table.clientSecretExpiresOn} <= ${horizon}`,
    ),
  )!;
}
