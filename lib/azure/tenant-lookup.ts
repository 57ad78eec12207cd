import "server-only";
import { z } from "zod";
import { resolveEndpoints, type EntraEndpoints } from "./endpoints";
import { EntraError } from "./errors/entra-error";
import { fetchCollectionPage, graphUrl } from "./graph-pages";
import type { GraphSession } from "./graph-session";
import { isPermissionGranted } from "./permissions";
import { grantedRoles } from "./token";
import { fetchWithTimeout } from "./transport";

const TENANT_IN_ISSUER = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * The tenant id a domain belongs to, from Entra's OpenID discovery document for that domain, which anyone may read
 * ("OpenID Connect on the Microsoft identity platform": the `issuer` is `{authority}/{tenant id}/v2.0`). Null when
 * the domain is no tenant's verified domain, or the answer cannot be had: the caller then asks a person instead.
 */
export async function tenantIdOfDomain(
  domain: string,
  endpoints?: EntraEndpoints,
  timeoutMs = 10_000,
): Promise<string | null> {
  const name = domain.trim().toLowerCase();
  if (!DOMAIN.test(name)) return null;
  const { authorityHost } = resolveEndpoints(endpoints);
  try {
    const response = await fetchWithTimeout(
      `${authorityHost}/${encodeURIComponent(name)}/v2.0/.well-known/openid-configuration`,
      {},
      timeoutMs,
    );
    if (!response.ok) return null;
    const { issuer } = (await response.json()) as { issuer?: unknown };
    return typeof issuer === "string" ? (issuer.match(TENANT_IN_ISSUER)?.[1]?.toLowerCase() ?? null) : null;
  } catch {
    return null;
  }
}

const organizationSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  verifiedDomains: z.array(z.object({ name: z.string(), isDefault: z.boolean().nullish() })).nullish(),
});

export type TenantOrganization = { displayName: string | null; verifiedDomains: string[] } | { unreadable: string };

/**
 * The tenant's name and verified domains (Graph "List organization": `GET /organization`, application permission
 * Organization.Read.All or a broader one), read only when the token says the app may: the permission is optional.
 */
export async function readTenantOrganization(graph: GraphSession): Promise<TenantOrganization> {
  try {
    const roles = grantedRoles((await graph.token({ forceRefresh: true })).accessToken) ?? [];
    if (!isPermissionGranted("Organization.Read.All", roles)) {
      return {
        unreadable:
          "The provider's app has no Organization.Read.All permission in this tenant, so its name and domains cannot be shown.",
      };
    }
    const url = graphUrl(graph, "organization", { $select: "id,displayName,verifiedDomains" });
    const [organization] = (await fetchCollectionPage({ graph, resource: "organization" }, url, organizationSchema))
      .items;
    if (!organization) return { unreadable: "Microsoft Graph answered with no organization for this tenant." };
    const domains = (organization.verifiedDomains ?? []).toSorted(
      (a, b) => Number(Boolean(b.isDefault)) - Number(Boolean(a.isDefault)),
    );
    return {
      displayName: organization.displayName ?? null,
      verifiedDomains: domains.map((domain) => domain.name.toLowerCase()),
    };
  } catch (error) {
    if (error instanceof EntraError) return { unreadable: error.message };
    throw error;
  }
}
