// Sending a browser back to an app's redirect URI, as Entra's sign-in and consent endpoints do: the answer in
// the query (or, for response_mode=form_post, a page that posts it), errors as `error` and an AADSTS
// `error_description` ("Microsoft identity platform and OAuth 2.0 authorization code flow", "Error response").
import { randomUUID } from "node:crypto";
import { escapeHtml, page } from "./consent-page";
import type { FakeResponse } from "./responses";

export type ResponseMode = "query" | "fragment" | "form_post";

/** Where a browser goes back to; `state` is sent back exactly as it came, and left out when it did not. */
export type BrowserReturn = { redirectUri: string; state: string | null; responseMode?: ResponseMode };

export const missingParameterText = (name: string) =>
  `The request body must contain the following parameter: '${name}'.`;

/** AADSTS50011's words: the redirect URI is not one registered on the app. */
export const redirectUriMismatchText = (redirectUri: string, clientId: string) =>
  `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`;

/** Entra's error_description: the AADSTS line, then trace, correlation and time on lines of their own. */
export function errorDescription(code: number, text: string) {
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return `AADSTS${code}: ${text}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${timestamp}`;
}

/** A form the browser posts to the redirect URI at once (by script, or by its one button without script). */
function formPost(target: BrowserReturn, fields: [string, string][]): FakeResponse {
  const inputs = fields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return page(
    200,
    "Working...",
    `<form method="post" action="${escapeHtml(target.redirectUri)}">${inputs}<noscript><p>Script is off: continue by hand.</p><button type="submit">Continue</button></noscript></form>` +
      `<script>document.forms[0].submit()</script>`,
  );
}

export function redirectBack(target: BrowserReturn, parameters: Record<string, string>): FakeResponse {
  const fields = Object.entries(parameters);
  if (target.state !== null) fields.push(["state", target.state]);
  if (target.responseMode === "form_post") return formPost(target, fields);
  const location = new URL(target.redirectUri);
  const answer = target.responseMode === "fragment" ? new URLSearchParams() : location.searchParams;
  for (const [name, value] of fields) answer.append(name, value);
  if (target.responseMode === "fragment") location.hash = answer.toString();
  return {
    status: 302,
    body: "",
    headers: { Location: location.toString() },
    rawContentType: "text/html; charset=utf-8",
  };
}

/** An error sent back to the app: `error`, and Microsoft's AADSTS number and words. */
export function redirectError(target: BrowserReturn, error: string, code: number, text: string): FakeResponse {
  return redirectBack(target, { error, error_description: errorDescription(code, text) });
}
