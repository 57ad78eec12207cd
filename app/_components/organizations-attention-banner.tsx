import Link from "next/link";
import type { OrganizationAttention } from "@/lib/alerts/queries";
import { organizationPath } from "@/lib/alerts/wording";
import { secretExpiryMessage } from "@/lib/credentials";

/** How many organizations the banner lists by name; the rest are counted, and the overview sorts them by alerts. */
const NAMED_AT_MOST = 10;

/** With two or more organizations: each one that needs attention, linking to its page, with what is wrong there. */
export function OrganizationsAttentionBanner({ organizations }: { organizations: OrganizationAttention[] }) {
  if (organizations.length === 0) return null;
  const count = organizations.length;
  const rest = count - NAMED_AT_MOST;
  return (
    <div
      role="alert"
      data-testid="alert-banner"
      className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <p className="font-medium">
        {count === 1 ? "1 organization needs attention" : `${count} organizations need attention`}
      </p>
      <ul className="mt-2 space-y-2">
        {organizations.slice(0, NAMED_AT_MOST).map((organization) => {
          const expiry = organization.expiry && secretExpiryMessage(organization.expiry);
          return (
            <li key={organization.organizationId} data-testid="organization-attention">
              <Link href={organizationPath(organization.organizationId)} className="font-medium break-words">
                {organization.organizationName}
              </Link>
              <ul className="ml-5 list-disc">
                {expiry && <li>{expiry}</li>}
                {organization.alerts.map((alert) => (
                  <li key={alert.id}>{alert.summary}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      {rest > 0 && (
        <p className="mt-2">
          And {rest} more: <Link href="/settings/organizations">see them all under Settings → Organizations</Link>.
        </p>
      )}
    </div>
  );
}
