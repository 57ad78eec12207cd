import { getCurrentStaff } from "@/lib/session/current-staff";
import { clientsCsv } from "@/lib/clients/export-csv";
import { parseClientListQuery } from "@/lib/clients/list-query";
import { csvDownload } from "@/lib/lists/csv-export";

export async function GET(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export clients.", { status: 401 });
  const query = parseClientListQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(clientsCsv(actor, query), "clients");
}
