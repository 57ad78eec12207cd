import "server-only";
import type { EntraConnectionSettings } from "@/lib/azure";
import type { EntraConnection } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { clientSecretPurpose, isSetUp } from "./connection-row";

/** Decrypts the stored secret for the one call that needs a token; never store or return the result. */
export function entraSettingsOf(connection: EntraConnection): EntraConnectionSettings | null {
  if (!isSetUp(connection)) return null;
  return {
    clientId: connection.clientId,
    tenantId: connection.tenantId,
    credential: { kind: "secret", secret: decryptSecret(connection.clientSecretCiphertext, clientSecretPurpose(connection.id)) },
  };
}
