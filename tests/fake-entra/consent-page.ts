// The pages a browser sees at the v2.0 admin-consent endpoint: a stand-in for Microsoft's sign-in and
// "Permissions requested" screen (a plain form, so it works without JavaScript), and its error page.
import type { FakeResponse } from "./responses";

/** The words Microsoft's consent screen uses for the application permissions Vertask asks for. */
const PERMISSION_WORDS: Record<string, string> = {
  "User.Read.All": "Read all users' full profiles",
  "Device.Read.All": "Read all devices",
  "GroupMember.Read.All": "Read all group memberships",
  "Group.Read.All": "Read all groups",
  "Directory.Read.All": "Read directory data",
};

export const CONSENT_LABELS = {
  accept: "Accept",
  cancel: "Cancel",
  pickTenant: "Sign in as administrator of",
} as const;

export type ConsentPageInput = {
  appName: string;
  publisher: string;
  permissions: string[];
  /** Where the form posts, and what it carries back unchanged. */
  action: string;
  fields: Record<string, string>;
  /** The tenant named in the link, or null when the administrator picks one of `tenants` (organizations, common). */
  signedInAs: { displayName: string; domain: string } | null;
  tenants: { tenantId: string; displayName: string; domain: string }[];
};

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(status: number, title: string, body: string): FakeResponse {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;
  return { status, body: html, rawContentType: "text/html; charset=utf-8" };
}

export function consentPage(input: ConsentPageInput): FakeResponse {
  const permissions = input.permissions
    .map((role) => `<li>${escapeHtml(PERMISSION_WORDS[role] ?? role)} <code>${escapeHtml(role)}</code></li>`)
    .join("");
  const hidden = Object.entries(input.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const who = input.signedInAs
    ? `<p>Signed in as an administrator of <strong>${escapeHtml(input.signedInAs.displayName)}</strong> (${escapeHtml(input.signedInAs.domain)})</p>`
    : `<p><label for="tenant">${CONSENT_LABELS.pickTenant}</label> <select id="tenant" name="tenant" required>${input.tenants
        .map(
          (t) =>
            `<option value="${escapeHtml(t.tenantId)}">${escapeHtml(t.displayName)} (${escapeHtml(t.domain)})</option>`,
        )
        .join("")}</select></p>`;
  return page(
    200,
    "Permissions requested",
    `<p>Microsoft (fake)</p><h1>Permissions requested</h1>` +
      `<p><strong>${escapeHtml(input.appName)}</strong>, published by ${escapeHtml(input.publisher)}, asks for your organization's consent.</p>` +
      `<form method="post" action="${escapeHtml(input.action)}">${who}` +
      `<p>This app would like to:</p><ul>${permissions || "<li>Nothing beyond signing in</li>"}</ul>` +
      `<p>Accepting grants these permissions for everyone in the organization.</p>${hidden}` +
      `<button type="submit" name="decision" value="accept">${CONSENT_LABELS.accept}</button> ` +
      `<button type="submit" name="decision" value="cancel">${CONSENT_LABELS.cancel}</button></form>`,
  );
}

/** What Microsoft shows when it cannot send the browser back: the AADSTS number and its words. */
export function signInErrorPage(code: number, text: string): FakeResponse {
  return page(
    400,
    "Sign in to your account",
    `<p>Microsoft (fake)</p><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">AADSTS${code}: ${escapeHtml(text)}</p>`,
  );
}
