import { redirect } from "next/navigation";
import { requireSuperuser } from "@/lib/session/current-staff";
import { soleOrganizationFor } from "@/lib/organizations/commands";

/**
 * Settings → Azure User Sync is the guide's page for a Vertask with one organization: it acts on that one, named
 * like everywhere else. With several there is no "first one": the address leads to Settings → Organizations.
 */
export async function requireSoleOrganization() {
  const actor = await requireSuperuser();
  const organization = await soleOrganizationFor(actor);
  if (!organization) redirect("/settings/organizations");
  return { actor, organizationId: organization.id };
}
