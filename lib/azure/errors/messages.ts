import "server-only";
import type { ClassifiedEntraError, EntraErrorCode, EntraFix } from "./entra-error";
import { PERMISSION_FOR_RESOURCE, type GraphResource } from "../permissions";
import { stepNumber, stepOfTheGuide, type SetupStep } from "@/lib/setup-guide/steps";

/** What a message may mention. Deliberately holds no secret, key or token. */
export type MessageContext = {
  tenantId: string;
  clientId: string;
  credentialKind: "secret" | "certificate" | null;
  authorityHost: string;
  graphHost: string;
  consentUrl: string;
  resource: GraphResource | null;
};

// Messages use the words of the setup guide, so an administrator finds the field or step they name.
const clientIdText = (c: MessageContext) =>
  c.clientId ? `Application (client) ID ${c.clientId}` : "the Application (client) ID";
const tenantIdText = (c: MessageContext) =>
  c.tenantId ? `Directory (tenant) ID ${c.tenantId}` : "the Directory (tenant) ID";

/** A failure only the administrator can mend: it names the settings field and the guide step that mend it. */
function fixInSettings(
  code: EntraErrorCode,
  message: string,
  field: NonNullable<EntraFix["field"]>,
  step: SetupStep,
  details: string,
): ClassifiedEntraError {
  return { code, message, retryable: false, fix: { field, guideStep: stepNumber(step) }, details };
}

export function wrongSecret(c: MessageContext, details: string): ClassifiedEntraError {
  const message = `Microsoft Entra ID did not accept the Client secret for ${clientIdText(c)}: the secret's ID is often pasted instead of its Value, so copy the Value from "Certificates & secrets" (${stepOfTheGuide("clientSecret")}) and enter it again.`;
  return fixInSettings("wrong_secret", message, "clientSecret", "clientSecret", details);
}

export function emptySecret(details: string): ClassifiedEntraError {
  const message = `No Client secret is entered: copy the secret's Value (not its ID) from "Certificates & secrets" (${stepOfTheGuide("clientSecret")}).`;
  return fixInSettings("wrong_secret", message, "clientSecret", "clientSecret", details);
}

export function secretExpired(c: MessageContext, details: string): ClassifiedEntraError {
  const message = `The Client secret of ${clientIdText(c)} has expired: create a new client secret under "Certificates & secrets" (${stepOfTheGuide("clientSecret")}) and enter its Value here.`;
  return fixInSettings("secret_expired", message, "clientSecret", "clientSecret", details);
}

export function wrongCertificate(c: MessageContext, details: string, localProblem?: string): ClassifiedEntraError {
  const message = localProblem
    ? `The certificate cannot be used (${localProblem}): enter the PEM private key ("-----BEGIN PRIVATE KEY-----") and the certificate's SHA-256 thumbprint.`
    : `Microsoft Entra ID did not accept the certificate for ${clientIdText(c)}: upload its public certificate under "Certificates & secrets" and check that the SHA-256 thumbprint and the private key belong to it.`;
  return fixInSettings("wrong_certificate", message, "certificate", "clientSecret", details);
}

export function unknownApplication(c: MessageContext, details: string): ClassifiedEntraError {
  const message = `There is no application with ${clientIdText(c)} in ${tenantIdText(c)}: copy the Application (client) ID from the app's Overview page (${stepOfTheGuide("overviewIds")}), and check that the app is registered in this directory.`;
  return fixInSettings("unknown_application", message, "clientId", "overviewIds", details);
}

export function unknownTenant(c: MessageContext, details: string): ClassifiedEntraError {
  const message = `${tenantIdText(c)} was not found at ${c.authorityHost}: copy the Directory (tenant) ID from the app's Overview page (${stepOfTheGuide("overviewIds")}).`;
  return fixInSettings("unknown_tenant", message, "tenantId", "overviewIds", details);
}

/** The sentence for permissions the app lacks, e.g. "Device.Read.All" or "User.Read.All and Device.Read.All". */
export function missingPermissionSentence(permissions: string, consentUrl: string) {
  return `The app is missing the application permission ${permissions}, or it has no admin consent: add it under "API permissions" (${stepOfTheGuide("apiPermissions")}), then grant admin consent (step ${stepNumber("adminConsent")}) at ${consentUrl}`;
}

export function permissionMissing(c: MessageContext, details: string): ClassifiedEntraError {
  const permission = c.resource ? PERMISSION_FOR_RESOURCE[c.resource] : "User.Read.All or Device.Read.All";
  const message = missingPermissionSentence(permission, c.consentUrl);
  return {
    code: "permission_missing",
    message,
    retryable: false,
    fix: { field: "permissions", guideStep: stepNumber("apiPermissions"), consentUrl: c.consentUrl },
    details,
  };
}

export function throttled(service: string, retryAfterSeconds: number, details: string): ClassifiedEntraError {
  const message = `${service} is throttling Vertask's requests and the retries ran out: wait ${retryAfterSeconds} seconds and try again (a scheduled sync does this by itself).`;
  return { code: "throttled", message, retryable: true, fix: { retryAfterSeconds }, details };
}

export function serviceUnavailable(service: string, status: number | null, details: string): ClassifiedEntraError {
  const what = status ? ` (HTTP ${status})` : "";
  const message = `${service} is temporarily unavailable${what}: try again in a few minutes (a scheduled sync does this by itself).`;
  return { code: "service_unavailable", message, retryable: true, fix: { retryAfterSeconds: 60 }, details };
}

export function network(
  host: string,
  causeCode: string,
  kind: "tls" | "timeout" | "connection",
  details: string,
): ClassifiedEntraError {
  if (kind === "tls") {
    const message = `The TLS certificate of ${host} is not trusted (${causeCode}): if a proxy inspects HTTPS traffic, give Node.js its CA certificate with NODE_EXTRA_CA_CERTS.`;
    return { code: "network", message, retryable: false, fix: {}, details };
  }
  const message =
    kind === "timeout"
      ? `${host} did not answer in time: check this server's internet access, proxy and firewall, then try again.`
      : `Vertask could not reach ${host} (${causeCode}): check this server's internet access, DNS, proxy and firewall, then try again.`;
  return { code: "network", message, retryable: true, fix: { retryAfterSeconds: 60 }, details };
}

export function unexpectedResponse(
  host: string,
  problem: string,
  setting: string,
  details: string,
): ClassifiedEntraError {
  const message = `${host} answered with something that is not what Microsoft sends (${problem}): check that ${setting} points at Microsoft's service and that no proxy rewrites the answer.`;
  return { code: "unexpected_response", message, retryable: true, fix: { retryAfterSeconds: 60 }, details };
}

export function endpointSetting(setting: string, value: string, example: string): ClassifiedEntraError {
  const message = `${setting} must be an https:// address such as ${example} (it is "${value}"): correct it in the server's environment and restart Vertask.`;
  return { code: "endpoint_setting", message, retryable: false, fix: {}, details: setting };
}

export function deltaExpired(details: string): ClassifiedEntraError {
  const message = `The saved delta link has expired (Microsoft keeps them for 7 days): a full sync is needed, which lists everything again.`;
  return { code: "delta_expired", message, retryable: false, fix: {}, details };
}

export function unknown(service: string, what: string, retryable: boolean, details: string): ClassifiedEntraError {
  const message = `${service} refused the request (${what}): check the Application (client) ID, Directory (tenant) ID and Client secret (steps ${stepNumber("overviewIds")} and ${stepNumber("clientSecret")} of the setup guide), and report the details below if it persists.`;
  return { code: "unknown", message, retryable, fix: retryable ? { retryAfterSeconds: 60 } : {}, details };
}

export function graphRejectedRequest(status: number, code: string, details: string): ClassifiedEntraError {
  const message = `Microsoft Graph rejected Vertask's request (HTTP ${status} ${code}): this is a fault in Vertask, please report it with the details below.`;
  return { code: "unknown", message, retryable: false, fix: {}, details };
}

export function tokenRejectedByGraph(code: string, details: string): ClassifiedEntraError {
  const message = `Microsoft Graph did not accept the access token (${code}): check that AZURE_AUTHORITY_HOST and GRAPH_BASE_URL belong to the same Microsoft cloud.`;
  return { code: "unknown", message, retryable: false, fix: {}, details };
}

export function unexpectedFailure(name: string, details: string): ClassifiedEntraError {
  const message = `Something unexpected went wrong while talking to Microsoft Entra ID (${name}): try again, and report the details below if it persists.`;
  return { code: "unknown", message, retryable: true, fix: { retryAfterSeconds: 60 }, details };
}
