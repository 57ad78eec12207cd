import { redirect } from "next/navigation";
import { getCurrentStaff } from "@/lib/session/current-staff";
import { staffExists } from "@/lib/staff/queries";
import { SignInForm } from "./signin-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  if (!(await staffExists())) redirect("/setup");
  if (await getCurrentStaff()) redirect("/clients");
  const { notice } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      {notice === "password-changed" && (
        <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your password is changed and every session of yours has ended. Sign in with the new password.
        </p>
      )}
      <SignInForm />
    </>
  );
}
