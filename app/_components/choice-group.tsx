type Choice = { value: string; label: string };

/** Radio buttons under one legend, with the group's error beside it. */
export function ChoiceGroup({
  name,
  legend,
  choices,
  defaultValue,
  errors,
  hint,
  choiceId,
}: {
  name: string;
  legend: string;
  choices: Choice[];
  defaultValue: string;
  errors?: string[];
  hint?: React.ReactNode;
  /** An id for each radio, for CSS that shows or hides fields by the checked one (`:has(#id:checked)`). */
  choiceId?: (value: string) => string;
}) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset aria-describedby={describedBy || undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              id={choiceId?.(choice.value)}
              name={name}
              value={choice.value}
              defaultChecked={defaultValue === choice.value}
              className="h-4 w-4 accent-indigo-600"
            />
            {choice.label}
          </label>
        ))}
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
