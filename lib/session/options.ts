import "server-only";
import type { NextAuthOptions } from "next-auth";

/**
 * next-auth reads and ends sessions; it does not sign anyone in. Sign-in happens in server actions
 * (lib/session/start-session.ts), which post without JavaScript and run under the sign-in limits: with no
 * provider here, /api/auth/callback/… is no second, unthrottled door.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [],
  callbacks: {
    // The token carries only who signed in, as what, and their row's session version then: names, roles and
    // access are read fresh from the database, and a raised version (password, role) ends the session.
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as { id: string; kind?: string; sessionVersion?: number };
        Object.assign(token, { sub: signedIn.id, kind: signedIn.kind, sessionVersion: signedIn.sessionVersion });
      }
      return token;
    },
    session({ session, token }) {
      if (token.kind === "portal")
        return { ...session, portalClientId: token.sub, sessionVersion: token.sessionVersion };
      return { ...session, staffId: token.sub, sessionVersion: token.sessionVersion };
    },
  },
};
