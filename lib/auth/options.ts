import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { findPortalClientBySignIn } from "@/lib/portal/sign-in";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const staff = await findStaffBySignIn(credentials?.email ?? "", credentials?.password ?? "");
        return staff ? { id: staff.id, name: staff.name, email: staff.email, kind: "staff", sessionVersion: staff.sessionVersion } : null;
      },
    }),
    CredentialsProvider({
      id: "portal",
      name: "Client portal",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const client = await findPortalClientBySignIn(credentials?.email ?? "", credentials?.password ?? "");
        return client ? { id: client.id, name: client.name, email: client.mail, kind: "portal", sessionVersion: client.sessionVersion } : null;
      },
    }),
  ],
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
      if (token.kind === "portal") return { ...session, portalClientId: token.sub, sessionVersion: token.sessionVersion };
      return { ...session, staffId: token.sub, sessionVersion: token.sessionVersion };
    },
  },
};
