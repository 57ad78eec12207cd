import "server-only";
import { getTableColumns } from "drizzle-orm";
import type { db, Transaction } from "@/db/client";
import { credentials, type StoredCredential } from "@/db/schema";

// A credential is a row of `credentials` with one owner, a connection or the provider's app: read beside its
// owner's row (a left join), and written with one upsert in the caller's transaction.

const {
  id: _id,
  connectionId: _connectionId,
  providerAppId: _providerAppId,
  staffMicrosoftSignInId: _staffMicrosoftSignInId,
  createdAt: _createdAt,
  updatedAt: _updatedAt,
  ...credentialColumns
} = getTableColumns(credentials);

/** The credential's columns, to select beside its owner's: `leftJoin(credentials, …)` with an owner that has none reads nulls. */
export const storedCredentialColumns = credentialColumns;

type CredentialOwner = { connectionId: string } | { providerAppId: true } | { staffMicrosoftSignInId: true };

const ownerColumn = (owner: CredentialOwner) =>
  "connectionId" in owner
    ? credentials.connectionId
    : "providerAppId" in owner
      ? credentials.providerAppId
      : credentials.staffMicrosoftSignInId;

/** Writes a connection's or the provider app's credential columns (only those given), making its row when it has none. */
export async function saveCredential(
  tx: Transaction | typeof db,
  owner: CredentialOwner,
  columns: Partial<StoredCredential>,
  now: Date,
) {
  const set = { ...columns, updatedAt: now };
  await tx
    .insert(credentials)
    .values({ ...owner, ...set })
    .onConflictDoUpdate({
      target: ownerColumn(owner),
      set,
    });
}
