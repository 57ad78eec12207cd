import "server-only";
import { and, isNotNull, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { credentials } from "@/db/schema";

/** What storedCredentialExpiry reads of a `credentials` row: whether each credential is stored (never the ciphertext itself), and its date. */
export const credentialDateColumns = {
  clientSecretCiphertext: sql<
    string | null
  >`CASE WHEN ${credentials.clientSecretCiphertext} IS NOT NULL THEN 'stored' END`,
  clientSecretExpiresOn: credentials.clientSecretExpiresOn,
  certificateKeyCiphertext: sql<
    string | null
  >`CASE WHEN ${credentials.certificateKeyCiphertext} IS NOT NULL THEN 'stored' END`,
  certificateExpiresOn: credentials.certificateExpiresOn,
};

/** The stored credential (the certificate's, else the secret's) expires within 30 days of `now`, or has expired: what warns. */
export function credentialExpiresSoon(now: Date): SQL {
  const horizon = sql`${now.toISOString().slice(0, 10)}::date + 30`;
  return or(
    and(isNotNull(credentials.certificateKeyCiphertext), sql`${credentials.certificateExpiresOn} <= ${horizon}`),
    and(
      isNull(credentials.certificateKeyCiphertext),
      isNotNull(credentials.clientSecretCiphertext),
      sql`${credentials.clientSecretExpiresOn} <= ${horizon}`,
    ),
  )!;
}

/** For a query on connections: this connection has a credential of its own stored (a secret or a certificate). */
export const hasOwnCredentialSql = (connectionId: AnyColumn) =>
  sql`EXISTS (SELECT 1 FROM ${credentials} WHERE ${credentials.connectionId} = ${connectionId} AND (${credentials.clientSecretCiphertext} IS NOT NULL OR ${credentials.certificateKeyCiphertext} IS NOT NULL))`;
