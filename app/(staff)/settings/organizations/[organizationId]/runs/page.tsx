import { RunHistory } from "../../../azure/runs/run-history";
import { requireOrganization } from "../require-organization";

export const metadata = { title: "Sync run history" };

type Props = {
  params: Promise<{ organizationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OrganizationRunsPage({ params, searchParams }: Props) {
  const { actor, organization } = await requireOrganization(params);
  return (
    <RunHistory
      actor={actor}
      organizationId={organization.id}
      path={`/settings/organizations/${organization.id}/runs`}
      params={await searchParams}
    />
  );
}
