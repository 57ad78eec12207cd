import { FormField } from "./form-field";

type Option = { value: string; label: string };

/** A labelled drop-down of `options`, with its error beside it. */
export function SelectField({
  name,
  label,
  value,
  options,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  options: Option[];
  errors?: string[];
}) {
  return (
    <FormField name={name} label={label} errors={errors}>
      <select
        id={name}
        name={name}
        defaultValue={value}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
