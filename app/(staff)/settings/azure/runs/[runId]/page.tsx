import { requireSoleOrganization } from "../../sole-organization";
import { RunChanges } from "../run-changes";

export const metadata = { title: "Sync run" };

type Props = {
  params: Promise<{ runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A run's page as the run history of a Vertask with one organization links it. */
export default async function SyncRunPage({ params, searchParams }: Props) {
  const { actor, organizationId } = await requireSoleOrganization();
  return (
    <RunChanges
      actor={actor}
      organizationId={organizationId}
      runId={(await params).runId}
      searchParams={await searchParams}
      runsPath="/settings/azure/runs"
    />
  );
}
