import Link from "next/link";
import { providerAppExpiryMessage, secretExpiryMessage, type SecretExpiry } from "@/lib/credentials";
import { providerAppPath } from "@/lib/alerts/wording";

/** The stored credential's expiry, worked out live from its date: a connection's, or with `providerApp` the provider app's. */
export function SecretExpiryBanner({
  expiry,
  linkToSettings = false,
  providerApp = false,
}: {
  expiry: SecretExpiry | null;
  linkToSettings?: boolean;
  providerApp?: boolean;
}) {
  const message = expiry && (providerApp ? providerAppExpiryMessage(expiry) : secretExpiryMessage(expiry));
  if (!message) return null;
  const expired = expiry!.state === "expired";
  return (
    <div
      role="alert"
      data-testid={providerApp ? "provider-app-expiry-warning" : "secret-expiry-warning"}
      className={`mb-6 rounded-lg border px-4 py-3 text-sm ${expired ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
    >
      {message}
      {linkToSettings &&
        (providerApp ? (
          <>
            {" "}
            <Link href={providerAppPath} className="underline underline-offset-2">
              Open Provider app
            </Link>
            .
          </>
        ) : (
          <>
            {" "}
            <Link href="/settings/azure" className="underline underline-offset-2">
              Open Azure User Sync
            </Link>
            .
          </>
        ))}
    </div>
  );
}
