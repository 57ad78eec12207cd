/** Why an admin consent answer was refused, where the superuser lands after it (the organizations list, the organization). */
export function ConsentRefusal({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
      data-testid="consent-refusal"
    >
      {message}
    </p>
  );
}
