import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, organizations } from "@/db/schema";
import { tenantIdOfDomain } from "@/lib/azure";
import { portalMicrosoftSignInOnSql } from "@/lib/portal/microsoft-sign-in-setting";

/** Whether the sign-in page offers "Sign in with Microsoft" at all: some organization has it in force. */
export async function microsoftSignInOffered() {
  const [row] = await db
    .select({ id: entraConnections.id })
    .from(entraConnections)
    .where(portalMicrosoftSignInOnSql())
    .limit(1);
  return Boolean(row);
}

/** The organization with Microsoft sign-in in force whose connection matches this condition, if any. */
async function organizationWhere(condition: ReturnType<typeof sql>) {
  const [row] = await db
    .select({ organizationId: entraConnections.organizationId })
    .from(entraConnections)
    .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
    .where(and(condition, portalMicrosoftSignInOnSql()));
  return row?.organizationId ?? null;
}

/**
 * The organization a work address's sign-in goes to: the one whose tenant owns the address's domain (any of its
 * verified domains, asked of Microsoft's public discovery document), else the one with that primary domain. It
 * depends only on the domain, never on whether the person is a client, so it tells nobody who exists.
 */
export async function organizationOfWorkEmail(email: string) {
  const domain = email.trim().toLowerCase().split("@").at(-1) ?? "";
  const tenantId = email.includes("@") ? await tenantIdOfDomain(domain) : null;
  if (tenantId) {
    const byTenant = await organizationWhere(sql`lower(${entraConnections.tenantId}) = ${tenantId}`);
    if (byTenant) return byTenant;
  }
  return domain ? organizationWhere(sql`lower(${organizations.primaryDomain}) = ${domain}`) : null;
}
