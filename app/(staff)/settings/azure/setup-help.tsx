import { adminConsentLink } from "@/lib/azure/admin-consent-url";
import { clientIdProblem, tenantIdProblem } from "@/lib/credentials/field-checks";
import { setupSteps, type SetupStep } from "@/lib/setup-guide/steps";

/** What each step says; the order and so the numbers come from lib/setup-guide/steps.ts, as messages cite them. */
function stepText(groupScope: boolean): Record<SetupStep, React.ReactNode> {
  return {
    register: (
      <>
        In the{" "}
        <a href="https://entra.microsoft.com" target="_blank" rel="noreferrer">
          Microsoft Entra admin center
        </a>
        , open Applications → App registrations → New registration. Name it (e.g. Vertask), keep Single tenant, and
        Register.
      </>
    ),
    overviewIds: (
      <>
        On the Overview page, copy the <strong>Application (client) ID</strong> and the{" "}
        <strong>Directory (tenant) ID</strong>.
      </>
    ),
    clientSecret: (
      <>
        Under Certificates &amp; secrets, add a New client secret and copy its <strong>Value</strong> at once (not the
        Secret ID), or upload a certificate (Microsoft recommends one). Note its expiry date.
      </>
    ),
    apiPermissions: (
      <>
        Under API permissions, add Microsoft Graph <em>Application</em> permissions <code>User.Read.All</code> and{" "}
        <code>Device.Read.All</code>
        {groupScope && (
          <>
            , and <code>GroupMember.Read.All</code> to sync only the members of chosen groups
          </>
        )}
        .
      </>
    ),
    adminConsent: (
      <>
        Click <strong>Grant admin consent</strong> and confirm with Yes.
      </>
    ),
    enterHere: (
      <>
        Here: set Status to Enabled, enter the IDs and the secret (or the certificate and its private key), and Save
        Changes. Then open the Microsoft Azure tab and Test connection.
      </>
    ),
  };
}

/** The setup guide's steps in a few lines, with the consent link for the IDs entered. */
export function SetupHelp({
  authorityHost,
  clientId,
  tenantId,
  groupScope,
}: {
  authorityHost: string;
  clientId: string;
  tenantId: string;
  groupScope: boolean;
}) {
  // Only for IDs that could be right: a link built from a typo leads to a Microsoft error page.
  const wellFormed = !clientIdProblem(clientId.trim()) && !tenantIdProblem(tenantId.trim());
  const consentUrl = wellFormed ? adminConsentLink(authorityHost, tenantId, clientId) : null;
  const text = stepText(groupScope);
  return (
    <aside
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700"
      aria-label="Setup help"
    >
      <h2 className="text-base font-semibold text-slate-900">Setting up Microsoft Entra</h2>
      <ol className="list-decimal space-y-2 pl-5">
        {setupSteps.map((step) => (
          <li key={step} data-step={step}>
            {text[step]}
          </li>
        ))}
      </ol>
      <p>
        Admin consent link for these IDs:{" "}
        {consentUrl ? (
          <a href={consentUrl} target="_blank" rel="noreferrer" className="break-all" data-testid="consent-link">
            {consentUrl}
          </a>
        ) : (
          <span className="text-slate-500">enter the Application (client) ID and Directory (tenant) ID to get it.</span>
        )}
      </p>
    </aside>
  );
}
