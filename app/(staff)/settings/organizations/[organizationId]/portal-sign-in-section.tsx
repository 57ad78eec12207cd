import type { Actor } from "@/lib/auth/authorize";
import { getPortalSignInSetting } from "@/lib/portal/microsoft-sign-in-setting";
import { formatDateTime } from "@/app/_components/list-controls";
import { PortalSignInForm } from "./portal-sign-in-form";

const stateWords = {
  on: "On: this organization's synced clients sign in to the portal with their Microsoft work account. Clients added by hand keep their password.",
  not_connected:
    "Off until the organization is connected: a client signs in with the app its connection signs in with, at its tenant.",
  not_registered: "Off until the redirect URI below is registered on the app and ticked here.",
  turned_off: "Turned off: clients sign in with a password.",
};

/** "Clients sign in to the portal with Microsoft" for one organization: what holds, and the redirect URI to register. */
export async function PortalSignInSection({ actor, organizationId }: { actor: Actor; organizationId: string }) {
  const { redirectUri, state, connection } = await getPortalSignInSetting(actor, organizationId);
  const app =
    connection?.method === "provider_app"
      ? "the provider's multi-tenant app"
      : "the organization's own app registration, in its tenant";
  return (
    <section className="max-w-xl space-y-3" aria-labelledby="portal-sign-in-heading">
      <h2 id="portal-sign-in-heading" className="text-lg font-semibold">
        Client portal sign-in
      </h2>
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-6">
        <p className="text-sm" data-testid="portal-sign-in-state">
          {stateWords[state]}
        </p>
        {connection?.clientId && (
          <>
            <p className="text-sm text-slate-700">
              Register this redirect URI on {app} (Application (client) ID{" "}
              <code className="break-all">{connection.clientId}</code>): Authentication → Add a platform → Web →
              Redirect URIs.
            </p>
            <p
              className="rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all"
              data-testid="portal-redirect-uri"
            >
              {redirectUri}
            </p>
            {connection.registered && connection.registeredAt && (
              <p className="text-xs text-slate-500">
                Ticked as registered on {formatDateTime(connection.registeredAt)}.
              </p>
            )}
            <PortalSignInForm
              organizationId={organizationId}
              registered={connection.registered}
              enabled={connection.enabled}
            />
          </>
        )}
      </div>
    </section>
  );
}
