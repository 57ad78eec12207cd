import { FormField } from "@/app/_components/form-field";
import type { FormState } from "@/lib/actions/form-state";

/**
 * Email and password, as both the sign-in and the first-run forms ask for them: the email typed comes back after an
 * error, the password never does.
 */
export function EmailAndPasswordFields({
  state,
  passwordAutoComplete,
  passwordHint,
}: {
  state: FormState;
  passwordAutoComplete: "current-password" | "new-password";
  passwordHint?: string;
}) {
  const errors = state.fieldErrors ?? {};
  return (
    <>
      <FormField
        name="email"
        label="Email"
        type="email"
        defaultValue={state.values?.email}
        errors={errors.email}
        autoComplete="email"
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        errors={errors.password}
        autoComplete={passwordAutoComplete}
        hint={passwordHint}
      />
    </>
  );
}
