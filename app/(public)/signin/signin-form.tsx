"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { FormField } from "@/app/_components/form-field";

type Errors = { email?: string[]; password?: string[]; form?: string };

function checkInput(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!/^\S+@\S+\.\S+$/.test(email)) errors.email = ["Enter the email address of your Vertask account."];
  if (!password) errors.password = ["Enter your password."];
  return errors;
}

export function SignInForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const inputErrors = checkInput(email, password);
    setErrors(inputErrors);
    if (Object.keys(inputErrors).length) return;
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!result?.ok) return setErrors({ form: "Wrong email or password." });
    router.replace("/clients");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      {errors.form && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{errors.form}</p>}
      <FormField name="email" label="Email" type="email" errors={errors.email} autoComplete="email" />
      <FormField name="password" label="Password" type="password" errors={errors.password} autoComplete="current-password" />
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
