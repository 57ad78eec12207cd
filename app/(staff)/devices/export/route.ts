import { getCurrentStaff } from "@/lib/session/current-staff";
import { devicesCsv } from "@/lib/devices/export-csv";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { csvDownload, nothingTickedResponse } from "@/lib/lists/csv-export";
import { selectedIds } from "@/lib/lists/selection";

/** "Export CSV": every device of the list's filtered view. */
export async function GET(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export devices.", { status: 401 });
  const query = parseDeviceListQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(devicesCsv(actor, query), "devices");
}

/** "Export selected (CSV)": the devices ticked in the list, posted by the bulk actions' form. */
export async function POST(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export devices.", { status: 401 });
  const ids = selectedIds(await request.formData());
  if (!ids) return nothingTickedResponse("device", "/devices");
  return csvDownload(devicesCsv(actor, parseDeviceListQuery({}), ids), "devices");
}
