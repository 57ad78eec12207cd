import "server-only";
import * as explain from "./messages";
import type { ClassifiedEntraError, UnexpectedResponseError } from "./entra-error";
import type { TransportFailure } from "./wire-errors";

/** A request that got no answer: name the host, and say whether waiting can help. */
export function classifyTransportFailure(failure: TransportFailure): ClassifiedEntraError {
  const kind = failure.timedOut ? "timeout" : failure.isTlsProblem ? "tls" : "connection";
  return explain.network(failure.host, failure.causeCode, kind, `${failure.causeCode} from ${failure.host}`);
}

/** An answer that is not Entra ID's or Graph's: point at the setting that chose the host. */
export function classifyUnexpected(error: UnexpectedResponseError): ClassifiedEntraError {
  const setting = error.service === "login" ? "AZURE_AUTHORITY_HOST" : "GRAPH_BASE_URL";
  return explain.unexpectedResponse(error.host, error.problem, setting, error.problem);
}
