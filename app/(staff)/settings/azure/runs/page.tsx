import { requireSoleOrganization } from "../sole-organization";
import { RunHistory } from "./run-history";

export const metadata = { title: "Sync run history" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SyncRunsPage({ searchParams }: Props) {
  const { actor, organizationId } = await requireSoleOrganization();
  return (
    <RunHistory actor={actor} organizationId={organizationId} path="/settings/azure/runs" params={await searchParams} />
  );
}
