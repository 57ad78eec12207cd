import { NextResponse } from "next/server";
import { appUrl } from "@/lib/mail/app-url";
import { finishMicrosoftSignIn, type RefusalReason } from "@/lib/microsoft-sign-in";
import { startSession } from "@/lib/session/start-session";
import { recordStaffMicrosoftRefusal, staffForMicrosoftIdentity, staffSignInApp } from "@/lib/staff/microsoft-sign-in";

// The redirect URI staff's app registration names: Microsoft's answer is checked (lib/microsoft-sign-in), the
// person matched to a staff account by tid + oid, and the same session a password gives is started. Anyone else
// gets one plain refusal that says nothing about who exists. Redirects go to APP_URL, the address the redirect
// URI is registered with (where the session cookie is set).
const unasked = new Set<RefusalReason>(["no-pending-sign-in", "state-mismatch"]);

export async function GET(request: Request) {
  const refused = NextResponse.redirect(new URL("/signin?notice=microsoft-refused", appUrl()), 303);
  const signIn = await staffSignInApp();
  if (!signIn) return refused;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await finishMicrosoftSignIn("staff", params, signIn.app);
  if (!result.ok) {
    // An answer no sign-in of this browser asked for is anyone's request to this URL: not worth an audit row.
    if (!unasked.has(result.refusal.reason)) await recordStaffMicrosoftRefusal(result.refusal);
    return refused;
  }
  const staff = await staffForMicrosoftIdentity(result.identity);
  if (!staff) return refused;
  await startSession({
    kind: "staff",
    id: staff.id,
    name: staff.name,
    email: staff.email,
    sessionVersion: staff.sessionVersion,
  });
  return NextResponse.redirect(new URL(result.returnTo, appUrl()), 303);
}
