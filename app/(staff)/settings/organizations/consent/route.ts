import { NextResponse, type NextRequest } from "next/server";
import { getCurrentStaff } from "@/lib/session/current-staff";
import { ActionRefused } from "@/lib/auth/action-refused";
import { appUrl } from "@/lib/mail/app-url";
import { ConsentRefused, receiveConsentAnswer } from "@/lib/consent";

// The provider app's Web redirect URI: Entra sends the administrator's browser back here from the admin-consent page.
// That is usually the customer's administrator, not signed in to Vertask: the answer is checked against what its link
// was made for and recorded on the `state` alone (single use, 7 days); then a signed-in superuser goes on to the
// organization's page, anyone else to a plain answer page that names nothing else.
export const dynamic = "force-dynamic";

const goTo = (path: string) => NextResponse.redirect(new URL(path, appUrl()), 303);

export async function GET(request: NextRequest) {
  const [actor, answered] = await Promise.all([getCurrentStaff(), answer(request)]);
  if (actor?.role !== "superuser") {
    return goTo(
      "refusal" in answered
        ? `/consent-answer?refusal=${answered.refusal}`
        : `/consent-answer?outcome=${answered.outcome}`,
    );
  }
  if ("refusal" in answered) {
    const page = answered.organizationId
      ? `/settings/organizations/${answered.organizationId}`
      : "/settings/organizations";
    return goTo(`${page}?consent=${answered.refusal}`);
  }
  return goTo(`/settings/organizations/${answered.organizationId}?consent=${answered.outcome}`);
}

async function answer(request: NextRequest) {
  try {
    return await receiveConsentAnswer(Object.fromEntries(request.nextUrl.searchParams));
  } catch (error) {
    if (error instanceof ConsentRefused) return { refusal: error.reason, organizationId: error.organizationId };
    if (error instanceof ActionRefused) return { refusal: "not-recorded" as const, organizationId: null };
    throw error;
  }
}
