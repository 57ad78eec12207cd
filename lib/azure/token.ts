import "server-only";
import { createHash, createPrivateKey } from "node:crypto";
import { ConfidentialClientApplication, LogLevel, type Configuration } from "@azure/msal-node";
import { classifyEntraError } from "./errors/classify";
import { credentialFingerprint, type EntraConnectionSettings } from "./connection";
import { graphScope, isMicrosoftAuthorityHost, type EntraEndpoints } from "./endpoints";
import { EntraError, UnusableCredentialError } from "./errors/entra-error";
import { TokenRequestFailure } from "./errors/wire-errors";
import { ObservedNetworkClient } from "./msal-network";

export type GraphAccessToken = { accessToken: string; expiresOn: Date | null; fromCache: boolean };

type CachedClient = { application: ConfidentialClientApplication; network: ObservedNetworkClient };

// MSAL keeps its token cache inside the instance, so the instance is what must be reused: one per tenant, app
// and credential, none shared between tenants (nor its throttling state, nor what its network client saw).
const clientsByKey = new Map<string, CachedClient>();
// Enough for every connection of a provider with hundreds of organizations, so a tenant's token lives its hour
// instead of being evicted by the other tenants' turns; an idle client takes about 2 KB, one with its token and
// the tenant's metadata some KB more: 2,000 stay within a few tens of MB.
const MAX_CACHED_CLIENTS = 2_000;

function normaliseThumbprint(thumbprint: string) {
  return thumbprint.replace(/[\s:]/g, "").toLowerCase();
}

function msalCredential(
  settings: EntraConnectionSettings,
): Pick<Configuration["auth"], "clientSecret" | "clientCertificate"> {
  const { credential } = settings;
  if (credential.kind === "secret") {
    if (!credential.secret.trim()) throw new UnusableCredentialError("secret", "the client secret is empty");
    return { clientSecret: credential.secret.trim() };
  }
  const thumbprintSha256 = normaliseThumbprint(credential.thumbprintSha256);
  if (/^[0-9a-f]{40}$/.test(thumbprintSha256)) {
    // The portal's "Thumbprint" column is SHA-1; MSAL needs the SHA-256 one.
    throw new UnusableCredentialError(
      "certificate",
      "that is a SHA-1 thumbprint; give the SHA-256 one, e.g. from openssl x509 -noout -fingerprint -sha256",
    );
  }
  if (!/^[0-9a-f]{64}$/.test(thumbprintSha256)) {
    throw new UnusableCredentialError("certificate", "the SHA-256 thumbprint is not 64 hexadecimal characters");
  }
  try {
    createPrivateKey(credential.privateKeyPem);
  } catch {
    throw new UnusableCredentialError("certificate", "the private key is not a readable PEM key");
  }
  return { clientCertificate: { thumbprintSha256, privateKey: credential.privateKeyPem } };
}

function cacheKey(settings: EntraConnectionSettings, endpoints: EntraEndpoints) {
  const parts = [
    endpoints.authorityHost,
    settings.tenantId.trim(),
    settings.clientId.trim(),
    credentialFingerprint(settings.credential),
  ];
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

function createClient(settings: EntraConnectionSettings, endpoints: EntraEndpoints, timeoutMs: number): CachedClient {
  const network = new ObservedNetworkClient(timeoutMs);
  const authorityHost = new URL(endpoints.authorityHost);
  const application = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId.trim(),
      authority: `${endpoints.authorityHost}/${encodeURIComponent(settings.tenantId.trim())}`,
      // MSAL only knows Microsoft's clouds; any other host (a sovereign proxy, the local fake) must be declared.
      knownAuthorities: isMicrosoftAuthorityHost(endpoints.authorityHost) ? [] : [authorityHost.host],
      ...msalCredential(settings),
    },
    system: { networkClient: network, loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false } },
  });
  return { application, network };
}

function cachedClient(settings: EntraConnectionSettings, endpoints: EntraEndpoints, timeoutMs: number) {
  const key = cacheKey(settings, endpoints);
  let client = clientsByKey.get(key);
  if (client) {
    clientsByKey.delete(key); // re-inserted below: the map's order is least recently used first
  } else {
    client = createClient(settings, endpoints, timeoutMs);
    if (clientsByKey.size >= MAX_CACHED_CLIENTS) clientsByKey.delete(clientsByKey.keys().next().value!);
  }
  clientsByKey.set(key, client);
  return client;
}

/**
 * An app-only access token for Microsoft Graph, from MSAL's cache while it is valid unless `forceRefresh`.
 * Called through a GraphSession, which resolves the endpoints.
 */
export async function acquireGraphToken(
  settings: EntraConnectionSettings,
  endpoints: EntraEndpoints,
  options: { forceRefresh: boolean; timeoutMs: number },
): Promise<GraphAccessToken> {
  const context = { ...settings, endpoints };
  let client: CachedClient;
  try {
    client = cachedClient(settings, endpoints, options.timeoutMs);
  } catch (error) {
    // An unusable credential, or a Directory (tenant) ID that makes no authority URL.
    throw new EntraError(classifyEntraError(error, context), { cause: error });
  }
  client.network.takeLastProblem();
  try {
    const result = await client.application.acquireTokenByClientCredential({
      scopes: [graphScope(endpoints)],
      skipCache: options.forceRefresh,
    });
    if (!result?.accessToken) throw new TokenRequestFailure(new Error("Entra ID returned no access token"), null);
    return { accessToken: result.accessToken, expiresOn: result.expiresOn, fromCache: result.fromCache };
  } catch (error) {
    const failure =
      error instanceof TokenRequestFailure ? error : new TokenRequestFailure(error, client.network.takeLastProblem());
    throw new EntraError(classifyEntraError(failure, context), { cause: failure });
  }
}

/**
 * Application permissions granted to the app, from the token's `roles` claim (absent when none are);
 * null when the token is not a JWT whose claims can be read.
 */
export function grantedRoles(accessToken: string): string[] | null {
  const payload = accessToken.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === "string") : [];
  } catch {
    return null;
  }
}

/** Forgets every cached MSAL client (and with them their tokens). */
export function forgetCachedTokenClients() {
  clientsByKey.clear();
}
