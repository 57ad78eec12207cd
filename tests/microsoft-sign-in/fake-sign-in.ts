// Drives "Sign in with Microsoft" against the fake tenant as a browser would: the app's authorize URL, the
// user chosen in advance (signInAs), Microsoft's redirect back, and the app's check of what came back.
import { expect } from "vitest";
import { beginMicrosoftSignIn } from "@/lib/microsoft-sign-in/start";
import { completeMicrosoftSignIn } from "@/lib/microsoft-sign-in/finish";
import type { SignInApp, SignInPurpose } from "@/lib/microsoft-sign-in";
import type { FakeEntra } from "@/tests/fake-entra/server";

export type SignInOptions = {
  app: SignInApp;
  tenant: string;
  purpose?: SignInPurpose;
  /** Changes the authorize URL on its way to Microsoft, as a man in the middle or a stale tab would. */
  alterUrl?: (url: URL) => void;
  /** Changes Microsoft's answer on its way back. */
  alterAnswer?: (answer: Record<string, string>) => void;
};

/** Microsoft's answer to the authorize request, as the redirect URI receives it, and the sealed pending sign-in. */
export async function authorizeAs(fake: FakeEntra, who: { tenantId: string; userId: string }, options: SignInOptions) {
  const purpose = options.purpose ?? "staff";
  const { url, sealed } = await beginMicrosoftSignIn({ ...options, purpose, returnTo: "/clients" });
  const sent = new URL(url);
  options.alterUrl?.(sent);
  fake.control.signInAs(who);
  const response = await fetch(sent, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(options.app.redirectUri);
  const answer = Object.fromEntries(back.searchParams);
  options.alterAnswer?.(answer);
  return { answer, sealed, purpose };
}

/** The whole sign-in: what the app concludes from Microsoft's answer. */
export async function signInWithMicrosoft(
  fake: FakeEntra,
  who: { tenantId: string; userId: string },
  options: SignInOptions,
) {
  const { answer, sealed, purpose } = await authorizeAs(fake, who, options);
  return completeMicrosoftSignIn({ purpose, app: options.app, params: answer, sealed });
}
