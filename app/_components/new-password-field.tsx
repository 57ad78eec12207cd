import { FormField } from "./form-field";

/** What lib/auth/password-rules.ts asks of every new password, as the forms say it. */
const passwordRuleHint = "At least 12 characters, not a common password.";

type NewPasswordProps = { name?: string; label: string; errors?: string[]; hint?: string };

/** A field for a password being set: the browser may offer to make one up, and the rule is said beside it. */
export function NewPasswordField({ name = "password", label, errors, hint = passwordRuleHint }: NewPasswordProps) {
  return (
    <FormField name={name} label={label} type="password" errors={errors} autoComplete="new-password" hint={hint} />
  );
}

/** The same new password typed again (`confirmPassword`), which the action compares with the first. */
export function PasswordAgainField({ label, errors }: { label: string; errors?: string[] }) {
  return <FormField name="confirmPassword" label={label} type="password" errors={errors} autoComplete="new-password" />;
}
