import "server-only";
// Where Entra ID and Graph live, and the links and scope made from them. A module of its own: the error
// classifier needs the endpoints, and the endpoints' bad-setting error needs nothing of the connection.
import { adminConsentLink } from "./admin-consent-url";
import type { EntraConnectionSettings } from "./connection";
import { endpointSetting } from "./errors/messages";
import { EntraError } from "./errors/entra-error";

/** Where Entra ID and Graph live: Microsoft's public cloud, a national cloud, or a local fake. */
export type EntraEndpoints = {
  authorityHost: string;
  graphBaseUrl: string;
};

export const PUBLIC_CLOUD: EntraEndpoints = {
  authorityHost: "https://login.microsoftonline.com",
  graphBaseUrl: "https://graph.microsoft.com",
};

const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.microsoft.com",
  "login.windows.net",
  "login.partner.microsoftonline.cn",
]);

const MICROSOFT_GRAPH_HOSTS = new Set([
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "microsoftgraph.chinacloudapi.cn",
]);

/** Only the origin counts: "https://graph.microsoft.com/v1.0/" and "https://graph.microsoft.com" mean the same. */
function httpsOrigin(setting: "AZURE_AUTHORITY_HOST" | "GRAPH_BASE_URL", value: string) {
  let url: URL | null = null;
  try {
    url = new URL(value.trim());
  } catch {
    // reported below
  }
  if (url?.protocol !== "https:") {
    const example = setting === "AZURE_AUTHORITY_HOST" ? PUBLIC_CLOUD.authorityHost : PUBLIC_CLOUD.graphBaseUrl;
    throw new EntraError(endpointSetting(setting, value, example));
  }
  return url.origin;
}

/** Reads AZURE_AUTHORITY_HOST and GRAPH_BASE_URL, as the Azure SDKs do; the public cloud otherwise. */
export function entraEndpointsFromEnv(env: NodeJS.ProcessEnv = process.env): EntraEndpoints {
  return resolveEndpoints({
    authorityHost: env.AZURE_AUTHORITY_HOST?.trim() || PUBLIC_CLOUD.authorityHost,
    graphBaseUrl: env.GRAPH_BASE_URL?.trim() || PUBLIC_CLOUD.graphBaseUrl,
  });
}

export function resolveEndpoints(endpoints?: EntraEndpoints): EntraEndpoints {
  if (!endpoints) return entraEndpointsFromEnv();
  return {
    authorityHost: httpsOrigin("AZURE_AUTHORITY_HOST", endpoints.authorityHost),
    graphBaseUrl: httpsOrigin("GRAPH_BASE_URL", endpoints.graphBaseUrl),
  };
}

export function isMicrosoftAuthorityHost(authorityHost: string) {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}

export function isMicrosoftGraphHost(graphBaseUrl: string) {
  return MICROSOFT_GRAPH_HOSTS.has(new URL(graphBaseUrl).hostname.toLowerCase());
}

/** The link that opens "Grant admin consent" for this app in this tenant (the setup guide's "adminConsent" step). */
export function adminConsentUrl(
  settings: Pick<EntraConnectionSettings, "tenantId" | "clientId">,
  endpoints?: EntraEndpoints,
) {
  return adminConsentLink(resolveEndpoints(endpoints).authorityHost, settings.tenantId, settings.clientId);
}

/**
 * The v2.0 admin-consent link for a multi-tenant app: the customer's administrator grants the app's application
 * permissions in their tenant ("organizations" lets them pick it), and Entra sends the browser back to
 * `redirectUri` with `admin_consent`, `tenant` and `state`, or `error` and `state`.
 */
export function multiTenantAdminConsentUrl(
  request: { tenant: string | null; clientId: string; redirectUri: string; state: string },
  endpoints?: EntraEndpoints,
) {
  const resolved = resolveEndpoints(endpoints);
  const query = new URLSearchParams({
    client_id: request.clientId,
    scope: graphScope(resolved),
    redirect_uri: request.redirectUri,
    state: request.state,
  });
  return `${resolved.authorityHost}/${encodeURIComponent(request.tenant?.trim() || "organizations")}/v2.0/adminconsent?${query}`;
}

/** The Graph resource's `.default` scope: every application permission an administrator granted. */
export function graphScope(endpoints: EntraEndpoints) {
  return `${endpoints.graphBaseUrl}/.default`;
}
