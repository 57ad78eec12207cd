import { RunHistory } from "../../../azure/runs/run-history";
import { requireOrganization } from "../require-organization";

export const metadata = { title: "Sync run history" };

export default async function OrganizationRunsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { actor, organization } = await requireOrganization(params);
  return (
    <RunHistory
      actor={actor}
      organizationId={organization.id}
      runsPath={`/settings/organizations/${organization.id}/runs`}
    />
  );
}
