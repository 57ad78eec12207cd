import { NextResponse, type NextRequest } from "next/server";
import { getCurrentStaff } from "@/lib/session/current-staff";
import { ActionRefused } from "@/lib/auth/action-refused";
import { appUrl } from "@/lib/mail/app-url";
import { ConsentRefused, receiveConsentAnswer } from "@/lib/sync-settings/consent-return";

// The provider app's Web redirect URI: Entra sends the administrator's browser back here from the admin-consent page.
// Nothing secret is in this address; the answer is recorded, then the browser goes on to a page that shows it.
export const dynamic = "force-dynamic";

const goTo = (path: string) => NextResponse.redirect(new URL(path, appUrl()), 303);

export async function GET(request: NextRequest) {
  const actor = await getCurrentStaff();
  // The state is bound to the session of the superuser who made the link: without that session, nothing can be checked.
  if (actor?.role !== "superuser") return goTo("/settings/organizations?consent=signed-out");
  try {
    const result = await receiveConsentAnswer(actor, Object.fromEntries(request.nextUrl.searchParams));
    return goTo(`/settings/organizations/${result.organizationId}?consent=${result.outcome}`);
  } catch (error) {
    if (error instanceof ConsentRefused) return goTo(`/settings/organizations?consent=${error.reason}`);
    if (error instanceof ActionRefused) return goTo("/settings/organizations?consent=not-recorded");
    throw error;
  }
}
