import "server-only";
import { Issuer } from "openid-client";
import { entraEndpointsFromEnv } from "@/lib/azure";

// Each authority's OpenID metadata, read once and kept: openid-client keeps an Issuer's keys (its jwks_uri) with
// the Issuer, so keeping the Issuer caches the tenant's keys too. The host is AZURE_AUTHORITY_HOST's (national
// clouds, the local fake), as lib/azure builds authorities.

const MAX_AUTHORITIES = 1_000;
const issuers = new Map<string, Promise<Issuer>>();

const authorityHost = () => entraEndpointsFromEnv().authorityHost;

/** `{host}/{tid}/v2.0`: the issuer of a tenant's v2.0 tokens, for one tenant or a multi-tenant app alike. */
const tenantIssuer = (tenantId: string) => `${authorityHost()}/${tenantId}/v2.0`;

/** The metadata of an authority (a tenant id or "organizations"), discovered once; a failure is not kept. */
export function discoverAuthority(tenant: string): Promise<Issuer> {
  const url = `${authorityHost()}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
  let issuer = issuers.get(url);
  if (!issuer) {
    issuer = Issuer.discover(url);
    issuer.catch(() => issuers.delete(url));
    if (issuers.size >= MAX_AUTHORITIES) issuers.delete(issuers.keys().next().value!);
    issuers.set(url, issuer);
  }
  return issuer;
}

const tenantIssuers = new Map<string, Issuer>();

/**
 * The Issuer an id token of tenant `tid` is validated against: issuer `{host}/{tid}/v2.0` whatever the authority
 * the sign-in went through (a multi-tenant authority publishes the template `{tenantid}`, which openid-client 5.7
 * compares literally), and the keys the tenant's own metadata names.
 */
export async function issuerOfTenant(tid: string): Promise<Issuer> {
  const issuer = tenantIssuer(tid);
  const kept = tenantIssuers.get(issuer);
  if (kept) return kept;
  const metadata = await discoverAuthority(tid);
  const made = new Issuer({ issuer, jwks_uri: metadata.metadata.jwks_uri });
  if (tenantIssuers.size >= MAX_AUTHORITIES) tenantIssuers.delete(tenantIssuers.keys().next().value!);
  tenantIssuers.set(issuer, made);
  return made;
}
