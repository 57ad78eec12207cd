import Link from "next/link";
import { secretExpiryMessage, type SecretExpiry } from "@/lib/sync-settings/secret-expiry";

export function SecretExpiryBanner({ expiry, linkToSettings = false }: { expiry: SecretExpiry | null; linkToSettings?: boolean }) {
  const message = expiry && secretExpiryMessage(expiry);
  if (!message) return null;
  const expired = expiry!.state === "expired";
  return (
    <div role="alert" data-testid="secret-expiry-warning" className={`mb-6 rounded-lg border px-4 py-3 text-sm ${expired ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
      {message}
      {linkToSettings && <> <Link href="/settings/azure" className="underline underline-offset-2">Open Azure User Sync</Link>.</>}
    </div>
  );
}
