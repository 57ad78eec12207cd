import { getCurrentStaff } from "@/lib/session/current-staff";
import { clientsCsv } from "@/lib/clients/export-csv";
import { parseClientListQuery } from "@/lib/clients/list-query";
import { csvDownload, nothingTickedResponse } from "@/lib/lists/csv-export";
import { selectedIds } from "@/lib/lists/selection";

/** "Export CSV": every client of the list's filtered view. */
export async function GET(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export clients.", { status: 401 });
  const query = parseClientListQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(clientsCsv(actor, query), "clients");
}

/** "Export selected (CSV)": the clients ticked in the list, posted by the bulk actions' form. */
export async function POST(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export clients.", { status: 401 });
  const ids = selectedIds(await request.formData());
  if (!ids) return nothingTickedResponse("client", "/clients");
  return csvDownload(clientsCsv(actor, parseClientListQuery({}), ids), "clients");
}
