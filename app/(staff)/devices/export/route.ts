import { getCurrentStaff } from "@/lib/session/current-staff";
import { devicesCsv } from "@/lib/devices/export-csv";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { csvDownload } from "@/lib/lists/csv-export";

export async function GET(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export devices.", { status: 401 });
  const query = parseDeviceListQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(devicesCsv(actor, query), "devices");
}
