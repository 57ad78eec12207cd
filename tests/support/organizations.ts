// Organizations connected straight in the database, each by its own app registration in one of the fake's
// customer tenants (control.addTenants), as Settings would save them: for tests and the benchmark of many tenants.
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, organizations, type SyncFrequency } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { clientSecretPurpose } from "@/lib/sync-settings/connection-row";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";

export type ConnectedOrganization = { organizationId: string; connectionId: string; tenant: CustomerTenant };

/** An organization named after the tenant, with Status Enabled and the tenant's own app and secret saved. */
export async function connectOrganization(tenant: CustomerTenant, { syncFrequency = "manual" as SyncFrequency, syncExternalUsers = true } = {}): Promise<ConnectedOrganization> {
  return db.transaction(async (tx) => {
    const [organization] = await tx.insert(organizations).values({ name: tenant.displayName, primaryDomain: tenant.domain }).returning();
    const [connection] = await tx
      .insert(entraConnections)
      .values({ organizationId: organization.id, name: tenant.displayName, enabled: true, syncFrequency, syncExternalUsers, clientId: tenant.app.clientId, tenantId: tenant.tenantId })
      .returning();
    await tx
      .update(entraConnections)
      .set({ clientSecretCiphertext: encryptSecret(tenant.app.secret, clientSecretPurpose(connection.id)), clientSecretLastFour: tenant.app.secret.slice(-4), clientSecretAddedAt: new Date() })
      .where(eq(entraConnections.id, connection.id));
    return { organizationId: organization.id, connectionId: connection.id, tenant };
  });
}
