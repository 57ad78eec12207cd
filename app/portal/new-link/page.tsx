import { NewLinkForm } from "./new-link-form";

export const metadata = { title: "Send me a new link" };

export default function NewLinkPage() {
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      <p className="mt-1 text-sm text-slate-600">
        Enter the address you sign in with: we mail you a link to set a new password.
      </p>
      <NewLinkForm />
      <a href="/portal/signin" className="mt-6 inline-block text-sm">
        Back to sign in
      </a>
    </div>
  );
}
