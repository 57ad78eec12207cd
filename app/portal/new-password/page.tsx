import { checkPasswordResetLink } from "@/lib/portal/password-reset";
import { AcceptForm } from "../accept/accept-form";

export const metadata = { title: "Set a new password" };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? "";
  const link = await checkPasswordResetLink(token);
  if (!link) {
    return (
      <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
        <h1 className="text-xl font-semibold">This link no longer works</h1>
        <p className="mt-2 text-slate-700" data-testid="new-link-refused">
          A link to set a new password works once, for 1 hour.
        </p>
        <a href="/portal/new-link" className="mt-4 inline-block">
          Send me a new link
        </a>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Set a new password, {link.name}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">You will sign in with {link.email}.</p>
      <AcceptForm token={token} link="new-link" />
    </div>
  );
}
