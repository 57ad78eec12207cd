import { requireSoleOrganization } from "../sole-organization";
import { RunHistory } from "./run-history";

export const metadata = { title: "Sync run history" };

export default async function SyncRunsPage() {
  const { actor, organizationId } = await requireSoleOrganization();
  return <RunHistory actor={actor} organizationId={organizationId} runsPath="/settings/azure/runs" />;
}
