type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  errors?: string[];
  autoComplete?: string;
  hint?: string;
  /** A multi-line text box of this many rows instead of a one-line input. */
  rows?: number;
  children?: React.ReactNode;
};

/** A labelled input with its error beside it, linked for screen readers. */
export function FormField({
  name,
  label,
  type = "text",
  defaultValue,
  errors,
  autoComplete,
  hint,
  rows,
  children,
}: FieldProps) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const invalid = Boolean(errors?.length);
  const control = {
    id: name,
    name,
    defaultValue,
    autoComplete,
    "aria-invalid": invalid,
    "aria-describedby": invalid ? errorId : hint ? hintId : undefined,
    className: `block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${invalid ? "border-red-500" : "border-slate-300"}`,
  };
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children ?? (rows ? <textarea {...control} rows={rows} /> : <input {...control} type={type} />)}
      {hint && !invalid && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="text-sm text-red-700" role="alert">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
