import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentPortalClient } from "@/lib/session/current-client";
import { PortalSignInForm } from "./portal-signin-form";

export const metadata = { title: "Sign in" };

export default async function PortalSignInPage() {
  if (await getCurrentPortalClient()) redirect("/portal");
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Sign in to the client portal</h1>
      <PortalSignInForm />
      <p className="mt-6 text-sm text-slate-700">
        Forgot your password?{" "}
        <Link href="/portal/new-link" className="font-medium">
          Send me a new link
        </Link>
      </p>
    </div>
  );
}
