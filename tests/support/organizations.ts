// Organizations for rows a test writes directly: clients, devices and connections all belong to one. Connected
// straight in the database, each by its own app registration, as Settings would save them.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, organizations, type EntraConnection, type SyncFrequency } from "@/db/schema";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { connectionCredentialPurposes, saveCredential, storedCredentialColumns } from "@/lib/credentials";
import { findConnectionById } from "@/lib/connections";
import { soleOrganizationId } from "./database";

/**
 * The id of the organization with this name (any case), made when missing; without a name, the only one
 * (made as "My organization" when there is none), as clients added by hand get.
 */
export async function organizationId(name?: string, primaryDomain: string | null = null) {
  if (!name) return soleOrganizationId();
  const [found] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${name})`);
  if (found) return found.id;
  const [made] = await db.insert(organizations).values({ name, primaryDomain }).returning({ id: organizations.id });
  return made.id;
}

type TenantApp = { tenantId: string; goodApp: { clientId: string; secret: string } };

/**
 * An organization connected to a fake tenant through its own app registration, Status Enabled, as Save
 * Changes leaves it (the settings pages for many organizations are not needed to set the scene).
 */
export async function connectOrganization(name: string, tenant: TenantApp, fields: Partial<EntraConnection> = {}) {
  const id = await organizationId(name);
  const credentialFields = Object.fromEntries(Object.entries(fields).filter(([key]) => key in storedCredentialColumns));
  const connectionFields = Object.fromEntries(
    Object.entries(fields).filter(([key]) => !(key in storedCredentialColumns)),
  );
  const [connection] = await db
    .insert(entraConnections)
    .values({
      organizationId: id,
      name,
      enabled: true,
      clientId: tenant.goodApp.clientId,
      tenantId: tenant.tenantId,
      ...connectionFields,
    })
    .returning();
  const secret = {
    clientSecretCiphertext: encryptSecret(tenant.goodApp.secret, connectionCredentialPurposes(connection.id).secret),
    clientSecretLastFour: tenant.goodApp.secret.slice(-4),
  };
  await saveCredential(db, { connectionId: connection.id }, { ...secret, ...credentialFields }, new Date());
  return { organizationId: id, connection: (await findConnectionById(connection.id))! };
}

export type ConnectedOrganization = { organizationId: string; connectionId: string; tenant: CustomerTenant };

/** An organization named after one of the fake's customer tenants (control.addTenants), with Status Enabled and the tenant's own app and secret saved. */
export async function connectCustomerTenant(
  tenant: CustomerTenant,
  { syncFrequency = "manual" as SyncFrequency, syncExternalUsers = true } = {},
): Promise<ConnectedOrganization> {
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .insert(organizations)
      .values({ name: tenant.displayName, primaryDomain: tenant.domain })
      .returning();
    const [connection] = await tx
      .insert(entraConnections)
      .values({
        organizationId: organization.id,
        name: tenant.displayName,
        enabled: true,
        syncFrequency,
        syncExternalUsers,
        clientId: tenant.app.clientId,
        tenantId: tenant.tenantId,
      })
      .returning();
    await saveCredential(
      tx,
      { connectionId: connection.id },
      {
        clientSecretCiphertext: encryptSecret(tenant.app.secret, connectionCredentialPurposes(connection.id).secret),
        clientSecretLastFour: tenant.app.secret.slice(-4),
        clientSecretAddedAt: new Date(),
      },
      new Date(),
    );
    return { organizationId: organization.id, connectionId: connection.id, tenant };
  });
}
