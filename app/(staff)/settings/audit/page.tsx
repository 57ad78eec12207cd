import { requireSuperuser } from "@/lib/session/current-staff";
import { listAuditEvents } from "@/lib/audit/queries";
import { formatDateTime } from "@/app/_components/list-controls";

export const metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const actor = await requireSuperuser();
  const events = await listAuditEvents(actor);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Audit log</h1>
      {events.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">
          Nothing has been recorded yet.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="audit-log">
          {events.map((event) => (
            <li key={event.id} className="px-4 py-3 text-sm">
              <p>
                <span className="text-slate-500">{formatDateTime(event.at)}</span> · <strong>{event.actorName}</strong>{" "}
                · {event.summary}
              </p>
              {event.changes && (
                <ul className="mt-1 text-slate-600">
                  {Object.entries(event.changes).map(([field, change]) => (
                    <li key={field}>
                      {field}: {String(change.from || "—")} → {String(change.to || "—")}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
