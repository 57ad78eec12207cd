import { getCurrentStaff } from "@/lib/session/current-staff";
import { getSyncRun } from "@/lib/sync-runs/queries";
import { runChangesCsv } from "@/lib/history/run-changes-csv";
import { parseRunChangesQuery } from "@/lib/history/run-changes-query";
import { csvDownload } from "@/lib/lists/csv-export";

type Context = { params: Promise<{ organizationId: string; runId: string }> };

/** Every change of a run matching its page's filters, as CSV; a run's page is a superuser's, as the page is. */
export async function GET(request: Request, { params }: Context) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export a run's changes.", { status: 401 });
  const { organizationId, runId } = await params;
  const run = actor.role === "superuser" ? await getSyncRun(actor, organizationId, runId) : null;
  if (!run) return new Response("There is no such run.", { status: 404 });
  const filter = parseRunChangesQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(runChangesCsv(actor, run, filter), "run-changes");
}
