"use client";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A tenant ID in a narrow column: its first 8 characters, the whole ID in the tooltip and for screen readers, and a
 * button that copies it. Without JavaScript there is no button; the tooltip and the page's text still hold the ID.
 */
export function TenantId({ tenantId, organizationName }: { tenantId: string; organizationName: string }) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [copied, setCopied] = useState<"yes" | "refused" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(tenantId);
      setCopied("yes");
    } catch {
      setCopied("refused");
    }
  }
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <span className="font-mono text-xs" title={tenantId} aria-hidden="true">
        {tenantId.slice(0, 8)}…
      </span>
      <span className="sr-only" data-testid="tenant-id">
        {tenantId}
      </span>
      {hydrated && (
        <button
          type="button"
          onClick={copy}
          title="Copy the tenant ID"
          aria-label={`Copy the tenant ID of ${organizationName}`}
          className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 16 16"
            className="h-3.5 w-3.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          >
            {copied === "yes" ? (
              <path d="M3 8.5l3 3 7-7" />
            ) : (
              <>
                <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" />
                <path d="M10.5 5V3.5A1.5 1.5 0 009 2H3.5A1.5 1.5 0 002 3.5V9a1.5 1.5 0 001.5 1.5H5" />
              </>
            )}
          </svg>
        </button>
      )}
      <span role="status" className="sr-only">
        {copied === "yes"
          ? "Tenant ID copied."
          : copied === "refused"
            ? "The browser did not allow copying: the tooltip shows the whole ID."
            : ""}
      </span>
    </span>
  );
}
