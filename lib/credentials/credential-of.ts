import type { EntraConnection } from "@/db/schema";
import { storedCredentialExpiry, type CredentialDates, type SecretExpiry } from "./expiry";

/**
 * Which credential an organization signs in with, and when it expires: its connection's own, or (connected by the
 * provider's app) the provider app's, which every such organization shares. The one place this is decided, for the
 * settings pages, the organizations overview, the alerts and the banner.
 */
export function credentialOf(
  connection: { method: EntraConnection["method"] | null } | null,
  stored: { own: CredentialDates | null; providerApp: CredentialDates | null },
  now: Date,
): { signsInWith: "own_app" | "provider_app"; expiry: SecretExpiry } {
  const signsInWith = connection?.method ?? "own_app";
  return {
    signsInWith,
    expiry: storedCredentialExpiry(signsInWith === "provider_app" ? stored.providerApp : stored.own, now),
  };
}
