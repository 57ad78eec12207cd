import { requireSuperuser } from "@/lib/session/current-staff";
import { RunHistory } from "./run-history";

export const metadata = { title: "Sync run history" };

export default async function SyncRunsPage() {
  const actor = await requireSuperuser();
  return <RunHistory actor={actor} />;
}
