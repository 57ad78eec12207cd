import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { authOptions } from "./options";

/** Who a new session is for: the same shape the jwt callback in ./options reads. */
export type SessionUser =
  | { kind: "staff"; id: string; name: string; email: string; sessionVersion: number }
  | { kind: "portal"; id: string; name: string; email: string | null; sessionVersion: number };

// next-auth's own choices (core/init.js, core/lib/cookie.js in next-auth 4), so getServerSession reads the cookie.
const maxAge = authOptions.session?.maxAge ?? 30 * 24 * 60 * 60;
const secureCookies = () => authOptions.useSecureCookies ?? (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
const cookieName = () => `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;

/**
 * Signs someone in from a server action whose credentials were already checked: the session cookie next-auth
 * would have set after its credentials callback, made from the same jwt callback, secret and lifetime.
 */
export async function startSession(user: SessionUser) {
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: sessions cannot be signed.");
  const token = await authOptions.callbacks!.jwt!({
    token: { name: user.name, email: user.email, sub: user.id },
    user: user as never,
    account: null,
    trigger: "signIn",
  });
  const value = await encode({ token, secret, maxAge });
  (await cookies()).set(cookieName(), value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    expires: new Date(Date.now() + maxAge * 1000),
  });
}
