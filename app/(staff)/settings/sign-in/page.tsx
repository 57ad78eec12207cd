import { BackLink } from "@/app/_components/back-link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { getStaffSignInView } from "@/lib/staff/microsoft-sign-in-settings";
import { SignInSettingsForm } from "./sign-in-settings-form";

export const metadata = { title: "Sign-in" };

export default async function SignInSettingsPage() {
  const actor = await requireSuperuser();
  const settings = await getStaffSignInView(actor);
  return (
    <div className="space-y-4">
      <BackLink href="/settings">Settings</BackLink>
      <h1 className="text-2xl font-semibold">Sign-in</h1>
      <p className="text-sm text-slate-700">
        Staff sign in with their Microsoft work account, so your tenant&apos;s MFA and conditional access apply and
        someone disabled in Microsoft Entra can no longer sign in.
      </p>
      <div className="grid items-start gap-8 lg:grid-cols-[3fr_2fr]">
        <SignInSettingsForm settings={settings} />
        <aside
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700"
          aria-label="Registering the redirect URI"
        >
          <h2 className="text-base font-semibold text-slate-900">Registering the redirect URI</h2>
          <ol className="list-decimal space-y-2 pl-5">
            <li>
              In your own Microsoft Entra admin center, open the app registration (the provider&apos;s multi-tenant app,
              or a new one for your tenant only) → Authentication.
            </li>
            <li>
              Add a <strong>Web</strong> redirect URI, exactly:{" "}
              <code className="break-all" data-testid="staff-redirect-uri">
                {settings.redirectUri}
              </code>
            </li>
            <li>
              A new app registration needs a client secret or certificate (Certificates &amp; secrets): enter it here
              with its Application (client) ID. Sign-in needs no API permission beyond the default User.Read.
            </li>
            <li>
              Staff are matched by their work account; the first time by the email of their Vertask account, then by
              their account alone. Settings → Staff shows who is linked.
            </li>
          </ol>
        </aside>
      </div>
    </div>
  );
}
