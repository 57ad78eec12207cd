import { redirect } from "next/navigation";
import { MicrosoftSignInLink } from "@/app/_components/microsoft-sign-in-link";
import { getCurrentStaff } from "@/lib/session/current-staff";
import { staffMicrosoftSignInOffer } from "@/lib/staff/microsoft-sign-in";
import { staffExists } from "@/lib/staff/queries";
import { SignInForm } from "./signin-form";

export const metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  "password-changed": "Your password is changed and every session of yours has ended. Sign in with the new password.",
};

const problems: Record<string, string> = {
  // One answer for everyone Microsoft signed in but Vertask does not let in: it tells nothing about who exists.
  "microsoft-refused":
    "Vertask could not sign you in with Microsoft. Staff sign in with their work account; if yours should work, ask a superuser.",
  "microsoft-unavailable": "Sign in with Microsoft is not set up: sign in with your email and password.",
  "microsoft-unreachable":
    "Microsoft could not be reached to sign you in: try again in a moment. A superuser can check the tenant ID under Settings → Sign-in.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  if (!(await staffExists())) redirect("/setup");
  if (await getCurrentStaff()) redirect("/clients");
  const { notice } = await searchParams;
  const microsoft = await staffMicrosoftSignInOffer();
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      {notice && notices[notice] && (
        <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notices[notice]}
        </p>
      )}
      {notice && problems[notice] && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problems[notice]}
        </p>
      )}
      {microsoft.offered && (
        <div className="mt-6">
          <MicrosoftSignInLink href="/signin/microsoft" />
          <p className="mt-4 text-center text-sm text-slate-600">
            {microsoft.required
              ? "Staff sign in with Microsoft. A password works only for an account made on the server with npm run create-superuser."
              : "or with your email and password"}
          </p>
        </div>
      )}
      <SignInForm />
    </>
  );
}
