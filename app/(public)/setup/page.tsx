import { notFound } from "next/navigation";
import { staffExists } from "@/lib/staff/queries";
import { SetupForm } from "./setup-form";

export const metadata = { title: "Create the first superuser" };

export default async function SetupPage() {
  if (await staffExists()) notFound();
  return (
    <>
      <h1 className="text-xl font-semibold">Create the first superuser</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Welcome to Vertask. This account manages staff and connects Microsoft Azure. This page is shown only once, and
        asks for the setup code that only whoever runs the server can read.
      </p>
      <SetupForm />
    </>
  );
}
