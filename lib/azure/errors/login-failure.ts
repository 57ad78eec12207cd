import "server-only";
import { AuthError, ClientConfigurationError, ServerError } from "@azure/msal-node";
import { classifyTransportFailure, classifyUnexpected } from "./wire-failure";
import * as explain from "./messages";
import { UnexpectedResponseError, type ClassifiedEntraError } from "./entra-error";
import type { LoginExchangeProblem } from "./wire-errors";
import { TransportFailure } from "./wire-errors";

const ENTRA = "Microsoft Entra ID";

// AADSTS numbers are stable (Microsoft advises against matching message texts).
const BY_AADSTS: Record<string, (c: explain.MessageContext, details: string) => ClassifiedEntraError> = {
  "7000215": explain.wrongSecret,
  "7000222": explain.secretExpired,
  "700016": explain.unknownApplication,
  "90002": explain.unknownTenant,
  "900023": explain.unknownTenant, // a tenant identifier that is neither a GUID nor a domain
  "700027": (c, d) => explain.wrongCertificate(c, d),
  "700024": (c, d) => explain.wrongCertificate(c, d),
};

function aadstsNumber(text: string | undefined) {
  return text?.match(/AADSTS(\d+)/)?.[1];
}

function detailsOf(parts: (string | number | undefined | null)[]) {
  return parts.filter((part) => part !== undefined && part !== null && part !== "").join(" ");
}

function classifyServerError(error: ServerError, c: explain.MessageContext): ClassifiedEntraError {
  const number =
    error.errorNo || aadstsNumber(error.errorMessage) || (/^\d+$/.test(error.errorCode) ? error.errorCode : undefined);
  const traceId = error.errorMessage?.match(/Trace ID: ([\w-]+)/)?.[1];
  const details = detailsOf([
    number && `AADSTS${number}`,
    error.errorCode,
    error.status && `HTTP ${error.status}`,
    traceId && `trace ${traceId}`,
  ]);
  const byNumber = number ? BY_AADSTS[number] : undefined;
  if (byNumber) return byNumber(c, details);
  if (error.status === 429) return explain.throttled(ENTRA, 60, details);
  if (error.status && error.status >= 500) return explain.serviceUnavailable(ENTRA, error.status, details);
  // MSAL answers from its own memory of a recent 429/5xx, without a status: that is throttling too.
  if (!error.status && !error.errorNo) return explain.throttled(ENTRA, 60, details || "throttled by MSAL");
  if (error.errorCode === "invalid_client") {
    return c.credentialKind === "certificate" ? explain.wrongCertificate(c, details) : explain.wrongSecret(c, details);
  }
  if (error.errorCode === "unauthorized_client") return explain.unknownApplication(c, details);
  return explain.unknown(ENTRA, number ? `AADSTS${number}` : error.errorCode || "no error code", false, details);
}

/** An answer MSAL did not turn into a ServerError (the OpenID metadata request, mostly). */
function classifyErrorAnswer(
  problem: Extract<LoginExchangeProblem, { kind: "error-answer" }>,
  c: explain.MessageContext,
) {
  const body = (problem.body ?? {}) as { error?: unknown; error_description?: unknown; error_codes?: unknown };
  const number = Array.isArray(body.error_codes)
    ? String(body.error_codes[0])
    : aadstsNumber(String(body.error_description ?? ""));
  const details = detailsOf([
    number && `AADSTS${number}`,
    typeof body.error === "string" ? body.error : null,
    `HTTP ${problem.status}`,
    problem.path,
  ]);
  const byNumber = number ? BY_AADSTS[number] : undefined;
  if (byNumber) return byNumber(c, details);
  if (problem.status === 429) return explain.throttled(ENTRA, 60, details);
  if (problem.status >= 500) return explain.serviceUnavailable(ENTRA, problem.status, details);
  if (problem.path.includes("openid-configuration")) return explain.unknownTenant(c, details);
  return explain.unknown(ENTRA, `HTTP ${problem.status}`, false, details);
}

/** A failed token request: what Entra ID answered if it did, else what the wire showed, else MSAL's own code. */
export function classifyLoginFailure(
  msalError: unknown,
  problem: LoginExchangeProblem | null,
  c: explain.MessageContext,
): ClassifiedEntraError {
  if (msalError instanceof ServerError) return classifyServerError(msalError, c);
  if (problem?.kind === "transport") return classifyTransportFailure(problem.failure);
  if (problem?.kind === "not-json") {
    const details = `HTTP ${problem.status} ${problem.path}`;
    if (problem.status >= 500) return explain.serviceUnavailable(ENTRA, problem.status, details);
    // An unknown tenant's metadata is refused, whatever the body; a 200 page is someone else's answer.
    if (problem.status >= 400 && problem.path.includes("openid-configuration"))
      return explain.unknownTenant(c, details);
    return explain.unexpectedResponse(
      problem.host,
      `HTTP ${problem.status} with a body that is not JSON`,
      "AZURE_AUTHORITY_HOST",
      details,
    );
  }
  if (problem?.kind === "error-answer") return classifyErrorAnswer(problem, c);
  if (msalError instanceof TransportFailure) return classifyTransportFailure(msalError);
  if (msalError instanceof UnexpectedResponseError) return classifyUnexpected(msalError);
  if (msalError instanceof AuthError) {
    const code = msalError.errorCode;
    // MSAL reports a tenant it cannot find metadata for this way (facts: classify as "tenant not found").
    if (code === "endpoints_resolution_error" || code === "openid_config_error") return explain.unknownTenant(c, code);
    if (msalError instanceof ClientConfigurationError && code === "authority_uri_insecure") {
      return explain.unexpectedResponse(
        c.authorityHost,
        "an authority that is not HTTPS",
        "AZURE_AUTHORITY_HOST",
        code,
      );
    }
    if (msalError instanceof ClientConfigurationError && /url|authority/i.test(code))
      return explain.unknownTenant(c, code);
    if (code === "network_error") return explain.network(new URL(c.authorityHost).host, code, "connection", code);
    return explain.unknown(ENTRA, code || msalError.name, false, code);
  }
  const name = msalError instanceof Error ? msalError.name : typeof msalError;
  return explain.unexpectedFailure(name, name);
}
