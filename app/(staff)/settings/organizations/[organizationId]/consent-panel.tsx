import { formatDateTime } from "@/app/_components/list-controls";
import type { ConsentAnswerView } from "@/lib/sync-settings/consent-view";
import { ConsentLinkButton } from "./consent-link-button";

type Props = { organizationId: string; waiting: boolean; tenantId: string | null; answer: ConsentAnswerView };

const outcomeTitles = { connected: "Connected", not_working: "Consent given, but the connection does not work yet", declined: "Not connected" } as const;

/** What the answer from the admin-consent page was, with Test connection's steps when it ran. */
function LastAnswer({ answer }: { answer: NonNullable<ConsentAnswerView> }) {
  const outcome = answer.outcome ?? "declined";
  const tone = outcome === "connected" ? "border-emerald-200 bg-emerald-50" : outcome === "declined" ? "border-amber-200 bg-amber-50" : "border-red-200 bg-red-50";
  return (
    <div className={`rounded-lg border p-4 text-sm ${tone}`} data-testid="consent-result">
      <p className="font-medium">{outcomeTitles[outcome]} · {formatDateTime(answer.at)}</p>
      {answer.message && <p className="mt-1">{answer.message}</p>}
      {answer.checks?.length ? (
        <ul className="mt-3 space-y-1">
          {answer.checks.map((line) => (
            <li key={line.label} className="flex gap-2">
              <span aria-hidden className={line.ok === null ? "text-slate-400" : line.ok ? "text-emerald-700" : "text-red-700"}>{line.ok === null ? "–" : line.ok ? "✓" : "✗"}</span>
              <span>{line.label}{line.detail && <span className="block text-slate-600">{line.detail}</span>}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * An organization connected by the provider's app: whether its administrator has consented, the last answer from the
 * consent page, and a fresh admin consent link (one per click: each works once, for 7 days).
 */
export function ConsentPanel({ organizationId, waiting, tenantId, answer }: Props) {
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-6" aria-labelledby="consent-heading">
      <h2 id="consent-heading" className="text-lg font-semibold">Admin consent</h2>
      <p className="text-sm" data-testid="consent-status">
        {waiting
          ? "Waiting for consent: the organization's administrator has not granted the provider's app access yet."
          : `Consented in tenant ${tenantId}: Vertask signs in there with the provider's app.`}
      </p>
      {answer && <LastAnswer answer={answer} />}
      <ConsentLinkButton organizationId={organizationId} />
    </section>
  );
}
