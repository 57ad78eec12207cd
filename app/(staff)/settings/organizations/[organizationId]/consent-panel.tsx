import { formatDateTime } from "@/app/_components/list-controls";
import type { ConsentTenantDetails } from "@/db/schema";
import { consentRefusalMessage } from "@/lib/consent";
import type { ConsentAnswerView, OpenConsentLinkView } from "@/lib/consent";
import { ConsentDecision } from "./consent-decision";
import { ConsentLinkButton } from "./consent-link-button";
import { ConsentRefusal } from "@/app/_components/consent-refusal";

type Props = {
  organizationId: string;
  primaryDomain: string | null;
  waiting: boolean;
  tenantId: string | null;
  answer: ConsentAnswerView;
  openLink: OpenConsentLinkView;
  /** `?consent=` of the address the answer came back to: a refusal recorded nowhere else (a used or void link). */
  returned: string | undefined;
};

type Answer = NonNullable<ConsentAnswerView>;

const outcomeTitles: Record<NonNullable<Answer["outcome"]>, string> = {
  connected: "Connected",
  not_working: "Consent given, but the connection does not work yet",
  declined: "Not connected",
  refused: "Answer refused",
  awaiting_confirmation: "Consent received: confirm the tenant",
  rejected: "Rejected",
};

const tones: Record<NonNullable<Answer["outcome"]>, string> = {
  connected: "border-emerald-200 bg-emerald-50",
  not_working: "border-red-200 bg-red-50",
  declined: "border-amber-200 bg-amber-50",
  refused: "border-red-200 bg-red-50",
  awaiting_confirmation: "border-indigo-200 bg-indigo-50",
  rejected: "border-amber-200 bg-amber-50",
};

/** What the tenant says of itself beside what the organization says: the superuser decides with both in view. */
function TenantComparison({
  tenantId,
  details,
  primaryDomain,
}: {
  tenantId: string;
  details: ConsentTenantDetails | null;
  primaryDomain: string | null;
}) {
  const domains = details && "verifiedDomains" in details ? details.verifiedDomains : null;
  const matches = primaryDomain && domains ? domains.includes(primaryDomain.toLowerCase()) : null;
  return (
    <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]" data-testid="consent-tenant">
      <dt className="text-slate-600">Tenant ID</dt>
      <dd className="font-mono break-all">{tenantId}</dd>
      <dt className="text-slate-600">Tenant name</dt>
      <dd>{details && "displayName" in details ? (details.displayName ?? "–") : "not readable"}</dd>
      <dt className="text-slate-600">Verified domains</dt>
      <dd>
        {domains
          ? domains.join(", ") || "none"
          : details && "unreadable" in details
            ? details.unreadable
            : "not readable"}
      </dd>
      <dt className="text-slate-600">This organization&apos;s primary domain</dt>
      <dd>
        {primaryDomain || "none entered"}{" "}
        {matches !== null && (
          <span className={`font-medium ${matches ? "text-emerald-800" : "text-red-800"}`}>
            {matches ? "(among the tenant's verified domains)" : "(not among the tenant's verified domains)"}
          </span>
        )}
      </dd>
    </dl>
  );
}

/** What the answer from the admin-consent page was, with Test connection's steps when it ran. */
function LastAnswer({
  organizationId,
  primaryDomain,
  answer,
}: {
  organizationId: string;
  primaryDomain: string | null;
  answer: Answer;
}) {
  const outcome = answer.outcome ?? "declined";
  const awaiting = outcome === "awaiting_confirmation" && !answer.voidedAt && answer.tenantId;
  const title =
    outcome === "awaiting_confirmation"
      ? `Consent received from tenant ${answer.tenantId}: confirm`
      : outcomeTitles[outcome];
  return (
    <div className={`rounded-lg border p-4 text-sm ${tones[outcome]}`} data-testid="consent-result">
      <p className="font-medium break-words">
        {title} · {formatDateTime(answer.at)}
      </p>
      {answer.message && <p className="mt-1 break-words">{answer.message}</p>}
      {outcome === "awaiting_confirmation" && answer.voidedAt && (
        <p className="mt-1">
          Withdrawn: the organization&apos;s connection changed after this answer came. Make a new link.
        </p>
      )}
      {awaiting && (
        <>
          <p className="mt-1">
            No tenant was known when the link was made, so this answer binds nothing until a superuser confirms that the
            tenant is this organization&apos;s.
          </p>
          <TenantComparison tenantId={answer.tenantId!} details={answer.tenantDetails} primaryDomain={primaryDomain} />
          <ConsentDecision organizationId={organizationId} requestId={answer.requestId} tenantId={answer.tenantId!} />
        </>
      )}
      {answer.checks?.length ? (
        <ul className="mt-3 space-y-1">
          {answer.checks.map((line) => (
            <li key={line.label} className="flex gap-2">
              <span
                aria-hidden
                className={line.ok === null ? "text-slate-400" : line.ok ? "text-emerald-700" : "text-red-700"}
              >
                {line.ok === null ? "–" : line.ok ? "✓" : "✗"}
              </span>
              <span>
                {line.label}
                {line.detail && <span className="block text-slate-600">{line.detail}</span>}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * An organization connected by the provider's app: whether its administrator has consented, the last answer from the
 * consent page, the open link, and a fresh admin consent link (one per click: each works once, for 7 days).
 */
export function ConsentPanel({ organizationId, primaryDomain, waiting, tenantId, answer, openLink, returned }: Props) {
  const refusal = answer?.outcome === "refused" ? null : consentRefusalMessage(returned);
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-6" aria-labelledby="consent-heading">
      <h2 id="consent-heading" className="text-lg font-semibold">
        Admin consent
      </h2>
      <p className="text-sm break-words" data-testid="consent-status">
        {waiting
          ? "Waiting for consent: the organization's administrator has not granted the provider's app access yet."
          : `Consented in tenant ${tenantId}: Vertask signs in there with the provider's app.`}
      </p>
      <ConsentRefusal message={refusal} />
      {answer && <LastAnswer organizationId={organizationId} primaryDomain={primaryDomain} answer={answer} />}
      {openLink && (
        <p className="text-sm text-slate-700 break-words" data-testid="consent-open-link">
          An admin consent link made {formatDateTime(openLink.createdAt)} is open until{" "}
          {formatDateTime(openLink.expiresAt)}, for{" "}
          {openLink.expectedTenantId
            ? `tenant ${openLink.expectedTenantId} only`
            : "any tenant: you confirm the tenant that answers"}
          .
        </p>
      )}
      <ConsentLinkButton organizationId={organizationId} />
    </section>
  );
}
