import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, organizations } from "@/db/schema";

/**
 * The name of the organization, other than `organizationId`, whose connection is on `tenantId`, or null. The database
 * refuses a second connection on a tenant too (entra_connections_one_per_tenant); this names who has it.
 */
export async function organizationHoldingTenant(
  tenantId: string,
  organizationId: string,
  tx: Transaction | typeof db = db,
) {
  const [holder] = await tx
    .select({ name: organizations.name })
    .from(entraConnections)
    .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
    .where(
      and(
        sql`lower(${entraConnections.tenantId}) = ${tenantId.trim().toLowerCase()}`,
        ne(entraConnections.organizationId, organizationId),
      ),
    )
    .limit(1);
  return holder?.name ?? null;
}

/** Every path that writes a connection's tenant takes this lock first, so "who has the tenant" and the write agree. */
export const lockConnections = (tx: Transaction) =>
  tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('entra_connections'))`);

/** A tenant belongs to one organization: what every path that sets a tenant says when another organization has it. */
export const tenantTakenMessage = (tenantId: string, holder: string) =>
  `Tenant ${tenantId} is already connected to ${holder}: a Microsoft Entra tenant belongs to one organization. Disconnect it there first.`;
