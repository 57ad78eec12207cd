import { checkInvitation } from "@/lib/portal/accept-invitation";
import { AcceptForm } from "./accept-form";
import { RequestNewInvitation } from "./request-new-invitation";

export const metadata = { title: "Set your password" };

const refusals = {
  expired: "This invitation link has expired: links work for 7 days.",
  used: "This invitation link has already been used. Sign in with the password you set.",
  replaced: "This invitation link was replaced by a newer one: use the link in the latest mail.",
  invalid: "This invitation link does not work. Check that you copied the whole link, or ask your IT team for access.",
};

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? "";
  const check = await checkInvitation(token);
  if (check.state !== "valid") {
    return (
      <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
        <h1 className="text-xl font-semibold">This link no longer works</h1>
        <p className="mt-2 text-slate-700" data-testid="invitation-refused">
          {refusals[check.state]}
        </p>
        {check.state === "used" ? (
          <a href="/portal/signin" className="mt-4 inline-block">
            Sign in to the portal
          </a>
        ) : (
          check.state !== "invalid" && <RequestNewInvitation token={token} />
        )}
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Welcome, {check.name}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Set a password for the client portal. You will sign in with {check.email}.
      </p>
      <AcceptForm token={token} />
    </div>
  );
}
