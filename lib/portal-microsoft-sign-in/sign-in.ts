import "server-only";
import { cookies } from "next/headers";
import { isUuid } from "@/db/is-uuid";
import { entraSettingsOf, findConnection } from "@/lib/connections";
import { finishMicrosoftSignIn, startMicrosoftSignIn, type SignInApp } from "@/lib/microsoft-sign-in";
import {
  recordPortalMicrosoftRefusal,
  signInPortalClientWithMicrosoft,
  type PortalMicrosoftSignIn,
} from "@/lib/portal/microsoft-sign-in-match";
import { portalMicrosoftSignInOn, portalRedirectUri } from "@/lib/portal/microsoft-sign-in-setting";

// Which organization's app a started sign-in went through: the callback needs it to redeem the code, before the
// pending sign-in (sealed by lib/microsoft-sign-in, which checks the app is the same one) is opened.
const organizationCookie = "vertask-portal-sign-in-organization";

/** The app (the connection's own, or the provider's it consented to) and tenant an organization's clients sign in with. */
async function portalSignInAppOf(organizationId: string): Promise<{ app: SignInApp; tenant: string } | null> {
  if (!(await portalMicrosoftSignInOn(organizationId))) return null;
  const connection = await findConnection(organizationId);
  // The provider's app removed or replaced since the consent: entraSettingsOf refuses, and nobody signs in with it.
  const settings = connection && (await entraSettingsOf(connection).catch(() => null));
  if (!settings) return null;
  const app = { clientId: settings.clientId, credential: settings.credential, redirectUri: portalRedirectUri() };
  return { app, tenant: settings.tenantId };
}

/** Microsoft's authorize address for a client of this organization, at its tenant; null while its setting is not in force. */
export async function startPortalMicrosoftSignIn(organizationId: string) {
  const signIn = await portalSignInAppOf(organizationId);
  if (!signIn) return null;
  const url = await startMicrosoftSignIn({ ...signIn, purpose: "portal", returnTo: "/portal" });
  (await cookies()).set(organizationCookie, organizationId, {
    httpOnly: true,
    sameSite: "lax",
    secure: signIn.app.redirectUri.startsWith("https://"),
    path: "/portal/signin/microsoft",
    maxAge: 10 * 60,
  });
  return url;
}

/** On the redirect URI: the verified person, let in by the portal's rule, or refused (and the refusal audited). */
export async function finishPortalMicrosoftSignIn(
  params: Record<string, string | undefined>,
): Promise<PortalMicrosoftSignIn> {
  const jar = await cookies();
  const organizationId = jar.get(organizationCookie)?.value;
  jar.delete({ name: organizationCookie, path: "/portal/signin/microsoft" });
  const signIn = organizationId && isUuid(organizationId) ? await portalSignInAppOf(organizationId) : null;
  // Nothing started in this browser (or its organization's setting ended since): refused without an audit row, so
  // calls to the redirect URI from anywhere cannot fill the audit log.
  if (!organizationId || !signIn) return { letIn: false, reason: "microsoft_refused" };
  const result = await finishMicrosoftSignIn("portal", params, signIn.app);
  if (!result.ok) {
    await recordPortalMicrosoftRefusal("microsoft_refused", { organizationId }, result.refusal.detail);
    return { letIn: false, reason: "microsoft_refused" };
  }
  const { tenantId, objectId } = result.identity;
  return signInPortalClientWithMicrosoft({ organizationId, tenantId, objectId });
}
