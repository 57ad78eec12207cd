import "server-only";
import { AuthError, ClientConfigurationError, ServerError } from "@azure/msal-node";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { adminConsentUrl, PUBLIC_CLOUD, resolveEndpoints, type EntraEndpoints } from "../endpoints";
import * as explain from "./messages";
import { EntraError, UnexpectedResponseError, UnusableCredentialError, type ClassifiedEntraError } from "./entra-error";
import { TokenRequestFailure } from "./wire-errors";
import type { GraphResource } from "../permissions";
import { classifyLoginFailure } from "./login-failure";
import { classifyTransportFailure, classifyUnexpected } from "./wire-failure";
import { TransportFailure } from "./wire-errors";
import { retryAfterSeconds } from "../retry-after";

/** The wait to suggest when Graph throttles without saying how long. */
const DEFAULT_THROTTLE_WAIT_SECONDS = 60;

/** What the classifier may know about the failed call; every part is optional. */
export type EntraErrorContext = {
  tenantId?: string;
  clientId?: string;
  credential?: { kind: "secret" | "certificate" };
  endpoints?: EntraEndpoints;
  /** What was being read, so a 403 names the permission it needs. */
  resource?: GraphResource;
};

const GRAPH = "Microsoft Graph";

function endpointsOrPublicCloud(endpoints?: EntraEndpoints) {
  try {
    return resolveEndpoints(endpoints);
  } catch {
    return PUBLIC_CLOUD; // the misconfigured setting gets its own message; the rest must still read well
  }
}

function messageContext(context: EntraErrorContext): explain.MessageContext {
  const endpoints = endpointsOrPublicCloud(context.endpoints);
  const tenantId = context.tenantId?.trim() ?? "";
  const clientId = context.clientId?.trim() ?? "";
  return {
    tenantId,
    clientId,
    credentialKind: context.credential?.kind ?? null,
    authorityHost: endpoints.authorityHost,
    graphHost: new URL(endpoints.graphBaseUrl).host,
    consentUrl: adminConsentUrl({ tenantId: tenantId || "organizations", clientId }, endpoints),
    resource: context.resource ?? null,
  };
}

function classifyGraphError(error: GraphError, c: explain.MessageContext): ClassifiedEntraError {
  const status = error.statusCode;
  const code = error.code ?? "";
  const details = [`HTTP ${status}`, code, error.requestId && `request-id ${error.requestId}`]
    .filter(Boolean)
    .join(" ");
  if (status === 410 || (status === 400 && /syncStateNotFound|resyncRequired|syncStateInvalid/i.test(code))) {
    return explain.deltaExpired(details);
  }
  if (status === 403) return explain.permissionMissing(c, details);
  if (status === 401) return explain.tokenRejectedByGraph(code || "HTTP 401", details);
  if (status === 429)
    return explain.throttled(
      GRAPH,
      retryAfterSeconds(error.headers?.get("retry-after")) ?? DEFAULT_THROTTLE_WAIT_SECONDS,
      details,
    );
  if (status >= 500) return explain.serviceUnavailable(GRAPH, status, details);
  // The client could not read the body as JSON: an HTML page from a proxy or a captive portal, say.
  if (code === "SyntaxError")
    return explain.unexpectedResponse(
      c.graphHost,
      `HTTP ${status} with a body that is not JSON`,
      "GRAPH_BASE_URL",
      details,
    );
  if (status === -1) return explain.unexpectedFailure(code || "no answer", details);
  if (!code || status === 404) {
    return explain.unexpectedResponse(
      c.graphHost,
      `HTTP ${status} ${code || "without a Graph error"}`.trim(),
      "GRAPH_BASE_URL",
      details,
    );
  }
  return explain.graphRejectedRequest(status, code, details);
}

/**
 * The one place that turns a failure from MSAL, the Graph client, the network or lib/azure itself into
 * `{ code, message, retryable, fix }`. Codes are stable; messages are one sentence for an administrator.
 */
export function classifyEntraError(error: unknown, context: EntraErrorContext = {}): ClassifiedEntraError {
  if (error instanceof EntraError) return error.toJSON();
  const c = messageContext(context);
  if (error instanceof UnusableCredentialError) {
    return error.kind === "secret"
      ? explain.emptySecret(error.problem)
      : explain.wrongCertificate(c, error.problem, error.problem);
  }
  if (error instanceof TokenRequestFailure) return classifyLoginFailure(error.msalError, error.exchangeProblem, c);
  if (error instanceof ServerError || error instanceof ClientConfigurationError || error instanceof AuthError) {
    return classifyLoginFailure(error, null, c);
  }
  if (error instanceof GraphError) return classifyGraphError(error, c);
  if (error instanceof TransportFailure) return classifyTransportFailure(error);
  if (error instanceof UnexpectedResponseError) return classifyUnexpected(error);
  const name = error instanceof Error ? error.name : typeof error;
  return explain.unexpectedFailure(name, name);
}
