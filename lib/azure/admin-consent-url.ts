// No server-only guard: the settings page builds this link in the browser as the IDs are typed.

/** The link that opens "Grant admin consent" for this app in this tenant (the setup guide's "adminConsent" step). */
export function adminConsentLink(authorityHost: string, tenantId: string, clientId: string) {
  const host = authorityHost.replace(/\/+$/, "");
  return `${host}/${encodeURIComponent(tenantId.trim())}/adminconsent?client_id=${encodeURIComponent(clientId.trim())}`;
}
