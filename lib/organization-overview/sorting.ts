import type { OrganizationOverview } from "./overview";

// Every column of the overview sorts, both ways; missing values (never synced, no expiry) go last either way.
const keys = {
  name: (o: OrganizationOverview) => o.name.toLowerCase(),
  tenant: (o: OrganizationOverview) => o.tenantId,
  method: (o: OrganizationOverview) => o.method,
  status: (o: OrganizationOverview) => o.status,
  clients: (o: OrganizationOverview) => o.clients,
  devices: (o: OrganizationOverview) => o.devices,
  usersSync: (o: OrganizationOverview) => o.lastUsersSync?.at.getTime() ?? null,
  devicesSync: (o: OrganizationOverview) => o.lastDevicesSync?.at.getTime() ?? null,
  nextSync: (o: OrganizationOverview) => o.nextSync?.getTime() ?? null,
  expiry: (o: OrganizationOverview) => ("expiresOn" in o.expiry ? o.expiry.expiresOn : null),
  alerts: (o: OrganizationOverview) => o.openAlerts,
} satisfies Record<string, (o: OrganizationOverview) => string | number | null>;

export type OverviewSort = keyof typeof keys;
export const overviewSorts = Object.keys(keys) as OverviewSort[];

export function parseOverviewSort(
  sort: unknown,
  direction: unknown,
): { sort: OverviewSort; direction: "asc" | "desc" } {
  // Own keys only: `in` also finds what every object inherits (`?sort=__proto__`, `constructor`), which is no column.
  const known = typeof sort === "string" && Object.hasOwn(keys, sort) ? (sort as OverviewSort) : "name";
  return { sort: known, direction: direction === "desc" ? "desc" : "asc" };
}

export function sortOverview(rows: OrganizationOverview[], sort: OverviewSort, direction: "asc" | "desc") {
  const key = keys[sort];
  const sign = direction === "asc" ? 1 : -1;
  const byName = (a: OrganizationOverview, b: OrganizationOverview) =>
    a.name.localeCompare(b.name, "en", { sensitivity: "base" });
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign || byName(a, b);
  });
}
