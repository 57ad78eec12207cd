import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { finishPortalMicrosoftSignIn } from "@/lib/portal-microsoft-sign-in";
import { startSession } from "@/lib/session/start-session";

/**
 * The redirect URI Microsoft sends a client back to. Let in, they get the session a password gives; anyone else
 * gets one plain refusal page, whatever the reason (the audit log keeps it).
 */
export async function GET(request: NextRequest) {
  const outcome = await finishPortalMicrosoftSignIn(Object.fromEntries(request.nextUrl.searchParams));
  if (!outcome.letIn) redirect("/portal/signin/refused");
  const { id, name, email, sessionVersion } = outcome.client;
  await startSession({ kind: "portal", id, name, email, sessionVersion });
  redirect("/portal");
}
