"use client";
import { signOut } from "next-auth/react";

/** Signs out; 44 px tall on a phone (a finger's width), as tall as its text from sm up. */
export function SignOutButton({
  callbackUrl = "/signin",
  className = "text-slate-300 hover:text-white",
}: {
  callbackUrl?: string;
  className?: string;
}) {
  return (
    <button onClick={() => signOut({ callbackUrl })} className={`min-h-11 text-sm sm:min-h-0 ${className}`}>
      Sign out
    </button>
  );
}
