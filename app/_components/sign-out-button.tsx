"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ callbackUrl = "/signin" }: { callbackUrl?: string }) {
  return (
    <button onClick={() => signOut({ callbackUrl })} className="text-sm text-slate-300 hover:text-white">
      Sign out
    </button>
  );
}
