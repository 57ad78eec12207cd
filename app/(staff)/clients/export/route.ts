import { getCurrentStaff } from "@/lib/session/current-staff";
import { clientsCsv } from "@/lib/clients/export-csv";
import { parseClientListQuery } from "@/lib/clients/list-query";

export async function GET(request: Request) {
  const actor = await getCurrentStaff();
  if (!actor) return new Response("Sign in to export clients.", { status: 401 });
  const query = parseClientListQuery(Object.fromEntries(new URL(request.url).searchParams));
  const lines = clientsCsv(actor, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="vertask-clients-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
