"use client";
import { useFormStatus } from "react-dom";

/** The form's button; `disabled` with `describedBy` naming the line that says why and what to do instead. */
export function SubmitButton({
  children,
  pendingText,
  disabled = false,
  describedBy,
}: {
  children: React.ReactNode;
  pendingText?: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-describedby={describedBy}
      className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60"
    >
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
