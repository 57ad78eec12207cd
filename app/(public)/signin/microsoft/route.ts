import { NextResponse } from "next/server";
import { appUrl } from "@/lib/mail/app-url";
import { startMicrosoftSignIn } from "@/lib/microsoft-sign-in";
import { staffSignInApp } from "@/lib/staff/microsoft-sign-in";

const backToSignIn = (notice: string) => NextResponse.redirect(new URL(`/signin?notice=${notice}`, appUrl()), 303);

// "Sign in with Microsoft" on the staff sign-in page is a plain link here (no JavaScript needed): the browser is
// sent to Microsoft with a fresh state, nonce and PKCE challenge, which a cookie remembers.
export async function GET() {
  const signIn = await staffSignInApp();
  if (!signIn) return backToSignIn("microsoft-unavailable");
  let url: string;
  try {
    url = await startMicrosoftSignIn({ ...signIn, tenant: signIn.tenantId, purpose: "staff", returnTo: "/clients" });
  } catch {
    // The tenant's OpenID metadata could not be read (Microsoft unreachable, or a tenant id it does not know).
    return backToSignIn("microsoft-unreachable");
  }
  return NextResponse.redirect(url, 303);
}
