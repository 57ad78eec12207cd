// Answers in the shapes Microsoft sends: Entra ID's OAuth errors and Graph's error bodies.
import { randomUUID } from "node:crypto";

export type FakeResponse = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A body sent as is (HTML, text); JSON otherwise. */
  rawContentType?: string;
};

export function json(status: number, body: unknown, headers?: Record<string, string>): FakeResponse {
  return { status, body, headers };
}

const timestampText = (date: Date) =>
  date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");

/** `{ error, error_description: "AADSTS…: …", error_codes, timestamp, trace_id, correlation_id, error_uri }`. */
export function aadstsError(
  status: number,
  error: string,
  code: number,
  description: string,
  correlationId: string = randomUUID(),
  headers?: Record<string, string>,
): FakeResponse {
  const now = new Date();
  const traceId = randomUUID();
  return json(
    status,
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestampText(now)}`,
      error_codes: [code],
      timestamp: timestampText(now),
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    headers,
  );
}

/** `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  clientRequestId?: string,
  headers?: Record<string, string>,
): FakeResponse {
  const requestId = randomUUID();
  return json(
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ""),
          "request-id": requestId,
          "client-request-id": clientRequestId ?? requestId,
        },
      },
    },
    { "request-id": requestId, "client-request-id": clientRequestId ?? requestId, ...headers },
  );
}

export function html(status: number, text: string): FakeResponse {
  return {
    status,
    body: `<!DOCTYPE html><html><body><h1>${text}</h1></body></html>`,
    rawContentType: "text/html; charset=utf-8",
  };
}
