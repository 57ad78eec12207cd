import { BackLink } from "@/app/_components/back-link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { consentRedirectUri } from "@/lib/consent";
import { getProviderAppView, providerAppExpiryMessage } from "@/lib/credentials";
import { ProviderAppForm } from "./provider-app-form";

export const metadata = { title: "Provider app" };

export default async function ProviderAppPage() {
  const actor = await requireSuperuser();
  const app = await getProviderAppView(actor);
  const warning = providerAppExpiryMessage(app.expiry);
  return (
    <div className="space-y-4">
      <BackLink href="/settings/organizations">Organizations</BackLink>
      <h1 className="text-2xl font-semibold">Provider app</h1>
      {warning && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {warning}
        </p>
      )}
      <div className="grid items-start gap-8 lg:grid-cols-[3fr_2fr]">
        <ProviderAppForm app={app} />
        <aside
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700"
          aria-label="Registering the provider app"
        >
          <h2 className="text-base font-semibold text-slate-900">Registering it once</h2>
          <ol className="list-decimal space-y-2 pl-5">
            <li>
              In your own Microsoft Entra admin center, open Applications → App registrations → New registration. Name
              it (e.g. Vertask), choose <strong>Accounts in any organizational directory (multitenant)</strong>.
            </li>
            <li>
              Add a <strong>Web</strong> redirect URI, exactly:{" "}
              <code className="break-all" data-testid="consent-redirect-uri">
                {consentRedirectUri()}
              </code>
            </li>
            <li>
              Under API permissions, add Microsoft Graph <em>Application</em> permissions <code>User.Read.All</code>,{" "}
              <code>Device.Read.All</code> and <code>GroupMember.Read.All</code>.
            </li>
            <li>
              Under Certificates &amp; secrets, add a client secret (copy its Value) or upload a certificate, and enter
              it here with the Application (client) ID.
            </li>
            <li>
              For each organization, choose Connect with: The provider&apos;s multi-tenant app, and have its
              administrator open the admin consent link there.
            </li>
          </ol>
        </aside>
      </div>
    </div>
  );
}
