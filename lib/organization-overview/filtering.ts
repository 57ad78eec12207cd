import type { OrganizationOverview } from "./overview";

/**
 * What the overview can be narrowed to: the organizations that need someone. "Secret expiring" uses the stages of
 * lib/credentials/expiry.ts (within 30 days, or past), the same ones the banners warn with.
 */
const filters = {
  failing: { label: "Failing", matches: (o: OrganizationOverview) => o.status === "failing" },
  waiting_for_consent: {
    label: "Waiting for consent",
    matches: (o: OrganizationOverview) => o.status === "waiting_for_consent",
  },
  secret_expiring: {
    label: "Secret expiring",
    matches: (o: OrganizationOverview) => o.expiry.state === "expiring" || o.expiry.state === "expired",
  },
} satisfies Record<string, { label: string; matches: (o: OrganizationOverview) => boolean }>;

export type OverviewFilter = keyof typeof filters;

export const overviewFilterLabels = Object.fromEntries(
  Object.entries(filters).map(([key, { label }]) => [key, label]),
) as Record<OverviewFilter, string>;

/** An unknown or missing value shows every organization. */
export function parseOverviewFilter(status: unknown): OverviewFilter | null {
  return typeof status === "string" && status in filters ? (status as OverviewFilter) : null;
}

export function filterOverview(rows: OrganizationOverview[], filter: OverviewFilter | null) {
  return filter ? rows.filter(filters[filter].matches) : rows;
}
