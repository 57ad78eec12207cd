import { notFound } from "next/navigation";
import { requireSuperuser } from "@/lib/session/current-staff";
import { getOrganization } from "@/lib/organizations/queries";

/** The signed-in superuser and the organization of the address; not-found for any other id (pages render beside the layout). */
export async function requireOrganization(params: Promise<{ organizationId: string }>) {
  const actor = await requireSuperuser();
  const organization = await getOrganization(actor, (await params).organizationId);
  if (!organization) notFound();
  return { actor, organization, basePath: `/settings/organizations/${organization.id}` };
}
