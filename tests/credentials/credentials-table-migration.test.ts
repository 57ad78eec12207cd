// Migration 0022 on a database that has both kinds of credential stored in the old places (a connection's secret,
// a connection's certificate, the provider app's secret): each moves to `credentials` as it is, and still decrypts.
import { asc } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { afterEach, describe, expect, it } from "vitest";
import { credentials } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { connectionCredentialPurposes, decryptCredential, providerAppCredentialPurposes } from "@/lib/credentials";
import { databaseBefore } from "../organizations/pre-organizations-database";

type Database = Awaited<ReturnType<typeof databaseBefore>>;
let database: Database | null = null;
afterEach(async () => {
  await database?.drop();
  database = null;
});

const contosoSecret = "Ct8Q~contoso-secret-value-0000000000000";
const providerSecret = "Pv8Q~provider-secret-value-000000000000";
const fabrikamKey = "-----BEGIN PRIVATE KEY-----\nMIIEvfabrikam\n-----END PRIVATE KEY-----\n";

describe("migration 0022: the credential in one table", () => {
  it("moves secrets and certificates without decrypting them, and they decrypt after it as before", async () => {
    database = await databaseBefore("0022_credentials-table", "vertask_migration_0022");
    const { sql } = database;
    const [contoso] = await sql`INSERT INTO organizations (name) VALUES ('Contoso') RETURNING id`;
    const [fabrikam] = await sql`INSERT INTO organizations (name) VALUES ('Fabrikam') RETURNING id`;
    const [tailspin] = await sql`INSERT INTO organizations (name) VALUES ('Tailspin Toys') RETURNING id`;
    const [bySecret] = await sql`INSERT INTO entra_connections (organization_id, name, enabled, client_id, tenant_id)
      VALUES (${contoso.id}, 'Microsoft Entra tenant', true, 'contoso-app', 'contoso-tenant') RETURNING id`;
    const secretCiphertext = encryptSecret(contosoSecret, connectionCredentialPurposes(bySecret.id).secret);
    await sql`UPDATE entra_connections SET client_secret_ciphertext = ${secretCiphertext}, client_secret_last_four = 'abcd',
      client_secret_added_at = '2026-11-01T10:00:00Z', client_secret_expires_on = '2027-05-01' WHERE id = ${bySecret.id}`;
    const [byCertificate] =
      await sql`INSERT INTO entra_connections (organization_id, name, enabled, client_id, tenant_id)
      VALUES (${fabrikam.id}, 'Microsoft Entra tenant', true, 'fabrikam-app', 'fabrikam-tenant') RETURNING id`;
    const keyCiphertext = encryptSecret(fabrikamKey, connectionCredentialPurposes(byCertificate.id).certificateKey);
    await sql`UPDATE entra_connections SET certificate_key_ciphertext = ${keyCiphertext}, certificate_thumbprint_sha256 = 'ab12',
      certificate_subject = 'CN=Fabrikam sync', certificate_expires_on = '2027-12-01', certificate_added_at = '2026-11-02T10:00:00Z'
      WHERE id = ${byCertificate.id}`;
    await sql`INSERT INTO entra_connections (organization_id, name, method) VALUES (${tailspin.id}, 'Microsoft Entra tenant', 'provider_app')`;
    await sql`INSERT INTO provider_app (client_id, client_secret_ciphertext, client_secret_last_four, client_secret_expires_on)
      VALUES ('provider-app', ${encryptSecret(providerSecret, providerAppCredentialPurposes.secret)}, '0000', '2027-03-01')`;

    await database.upgrade();

    const rows = await drizzle(sql).select().from(credentials).orderBy(asc(credentials.clientSecretExpiresOn));
    // Only what was stored comes over: the provider app's, Contoso's, then Fabrikam's (no date of a secret, last).
    expect(rows.map((row) => [row.connectionId, row.providerAppId])).toEqual([
      [null, true],
      [bySecret.id, null],
      [byCertificate.id, null],
    ]);
    const [provider, secret, certificate] = rows;
    // The ciphertexts are the very ones stored before: nothing was decrypted and encrypted again.
    expect([secret.clientSecretCiphertext, certificate.certificateKeyCiphertext]).toEqual([
      secretCiphertext,
      keyCiphertext,
    ]);
    expect(decryptCredential(secret, connectionCredentialPurposes(bySecret.id))).toEqual({
      kind: "secret",
      secret: contosoSecret,
    });
    expect(decryptCredential(certificate, connectionCredentialPurposes(byCertificate.id))).toEqual({
      kind: "certificate",
      privateKeyPem: fabrikamKey,
      thumbprintSha256: "ab12",
    });
    expect(decryptCredential(provider, providerAppCredentialPurposes)).toEqual({
      kind: "secret",
      secret: providerSecret,
    });
    expect(secret).toMatchObject({
      clientSecretLastFour: "abcd",
      clientSecretAddedAt: new Date("2026-11-01T10:00:00Z"),
      clientSecretExpiresOn: "2027-05-01",
    });
    expect(certificate).toMatchObject({
      certificateSubject: "CN=Fabrikam sync",
      certificateExpiresOn: "2027-12-01",
      certificateAddedAt: new Date("2026-11-02T10:00:00Z"),
    });

    const oldColumns = await sql`SELECT table_name, column_name FROM information_schema.columns
      WHERE table_name IN ('entra_connections', 'provider_app') AND (column_name LIKE 'client_secret%' OR column_name LIKE 'certificate%')`;
    expect(oldColumns).toHaveLength(0);
    // A credential goes with its owner.
    await sql`DELETE FROM entra_connections WHERE id = ${bySecret.id}`;
    expect(await sql`SELECT 1 FROM credentials WHERE connection_id = ${bySecret.id}`).toHaveLength(0);
  });
});
