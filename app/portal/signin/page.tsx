import Link from "next/link";
import { redirect } from "next/navigation";
import { isUuid } from "@/db/is-uuid";
import { getCurrentPortalClient } from "@/lib/session/current-client";
import { microsoftSignInOffered } from "@/lib/portal-microsoft-sign-in";
import { portalMicrosoftSignInOn } from "@/lib/portal/microsoft-sign-in-setting";
import { MicrosoftSignInForm } from "./microsoft-sign-in-form";
import { PortalSignInForm } from "./portal-signin-form";

export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ organization?: string | string[] }> };

export default async function PortalSignInPage({ searchParams }: Props) {
  if (await getCurrentPortalClient()) redirect("/portal");
  const { organization } = await searchParams;
  // The invitation's link names the organization; any other value is as if none were given.
  const fromInvitation =
    typeof organization === "string" && isUuid(organization) && (await portalMicrosoftSignInOn(organization))
      ? organization
      : null;
  const microsoft = fromInvitation !== null || (await microsoftSignInOffered());
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Sign in to the client portal</h1>
      {microsoft && (
        <section aria-labelledby="microsoft-heading" className="mt-6">
          <h2 id="microsoft-heading" className="text-base font-medium">
            With your Microsoft work account
          </h2>
          <MicrosoftSignInForm organizationId={fromInvitation} />
        </section>
      )}
      <section aria-labelledby="password-heading" className={microsoft ? "mt-8 border-t border-slate-200 pt-6" : ""}>
        {microsoft && (
          <h2 id="password-heading" className="text-base font-medium">
            With a password
          </h2>
        )}
        <PortalSignInForm />
      </section>
      <p className="mt-6 text-sm text-slate-700">
        Forgot your password?{" "}
        <Link href="/portal/new-link" className="font-medium">
          Send me a new link
        </Link>
      </p>
    </div>
  );
}
