import Link from "next/link";

export const metadata = { title: "Not signed in" };

/** Every refused Microsoft sign-in ends here, with the same words: nothing says who exists or why. */
export default function PortalSignInRefusedPage() {
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
      <h1 className="text-xl font-semibold">You are not signed in</h1>
      <p className="mt-4 text-sm text-slate-700">
        This Microsoft account cannot sign in to the client portal, or the sign-in did not complete. If your IT team
        invited you, use the link in your invitation mail, or sign in with your password. Your IT team can tell you
        whether you have access.
      </p>
      <p className="mt-6 text-sm">
        <Link href="/portal/signin" className="font-medium">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
