// The organizations `npm run sync` can name: every one, as Settings → Organizations lists them, one line each.
import {
  organizationStatuses,
  readOrganizationsOverview,
  type OrganizationOverview,
} from "@/lib/organization-overview/overview";
import { sortOverview } from "@/lib/organization-overview/sorting";
import { isUuid } from "@/db/is-uuid";

export type Organization = OrganizationOverview;

export const everyOrganization = async () => sortOverview(await readOrganizationsOverview(), "name", "asc");

/** Set up and Status Enabled (failing ones too: a sync is how they recover): what `--all` syncs. */
export const isEnabled = (organization: Organization) =>
  organization.status === "enabled" || organization.status === "failing";

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const lastSync = (sync: Organization["lastUsersSync"]) => (sync ? `${sync.status} at ${when(sync.at)}` : "never");

/** "Contoso (contoso.com): Enabled; last users sync: succeeded at 2026-12-07 02:10 UTC; last devices sync: never; id …" */
export function organizationLine(organization: Organization) {
  const domain = organization.primaryDomain ? ` (${organization.primaryDomain})` : "";
  return [
    `${organization.name}${domain}: ${organizationStatuses[organization.status]}`,
    `last users sync: ${lastSync(organization.lastUsersSync)}`,
    `last devices sync: ${lastSync(organization.lastDevicesSync)}`,
    `id ${organization.id}`,
  ].join("; ");
}

/** The organizations `text` names: its id, else its name, else its primary domain (any case). */
export function organizationsNamed(organizations: Organization[], text: string) {
  const wanted = text.trim().toLowerCase();
  if (isUuid(wanted)) {
    const byId = organizations.filter((organization) => organization.id === wanted);
    if (byId.length) return byId;
  }
  const byName = organizations.filter((organization) => organization.name.toLowerCase() === wanted);
  if (byName.length) return byName;
  return organizations.filter((organization) => organization.primaryDomain?.toLowerCase() === wanted);
}
