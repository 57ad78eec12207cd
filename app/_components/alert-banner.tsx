import Link from "next/link";
import type { OpenAlert } from "@/lib/alerts/queries";
import { microsoftAzureTabPath } from "@/lib/alerts/wording";

/** The open alert conditions, on every staff page for superusers, until they clear. */
export function AlertBanner({ alerts }: { alerts: OpenAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="alert-banner"
      className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <ul className="space-y-1">
        {alerts.map((alert) => (
          <li key={alert.id}>{alert.summary}</li>
        ))}
      </ul>
      <p className="mt-2">
        <Link href={microsoftAzureTabPath}>Open the Microsoft Azure tab</Link>
      </p>
    </div>
  );
}
