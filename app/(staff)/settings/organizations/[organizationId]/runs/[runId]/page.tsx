import { RunChanges } from "../../../../azure/runs/run-changes";
import { requireOrganization } from "../../require-organization";

export const metadata = { title: "Sync run" };

type Props = {
  params: Promise<{ organizationId: string; runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OrganizationRunPage({ params, searchParams }: Props) {
  const { actor, organization, basePath } = await requireOrganization(params);
  return (
    <RunChanges
      actor={actor}
      organizationId={organization.id}
      runId={(await params).runId}
      searchParams={await searchParams}
      runsPath={`${basePath}/runs`}
    />
  );
}
