import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findStaffBySignIn } from "@/lib/staff/sign-in";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const staff = await findStaffBySignIn(credentials?.email ?? "", credentials?.password ?? "");
        return staff ? { id: staff.id, name: staff.name, email: staff.email } : null;
      },
    }),
  ],
  callbacks: {
    // The token carries only the staff id: name and role are read fresh from the database.
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, staffId: token.sub };
    },
  },
};
