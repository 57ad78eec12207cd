import { NextResponse } from "next/server";
import { appUrl } from "@/lib/mail/app-url";
import { startMicrosoftSignIn } from "@/lib/microsoft-sign-in";
import { staffSignInApp } from "@/lib/staff/microsoft-sign-in";

// "Sign in with Microsoft" on the staff sign-in page is a plain link here (no JavaScript needed): the browser is
// sent to Microsoft with a fresh state, nonce and PKCE challenge, which a cookie remembers.
export async function GET() {
  const signIn = await staffSignInApp();
  if (!signIn) return NextResponse.redirect(new URL("/signin?notice=microsoft-unavailable", appUrl()), 303);
  const url = await startMicrosoftSignIn({
    ...signIn,
    tenant: signIn.tenantId,
    purpose: "staff",
    returnTo: "/clients",
  });
  return NextResponse.redirect(url, 303);
}
