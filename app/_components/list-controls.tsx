import { firstValues } from "@/lib/lists/search-params";

type Option = { value: string; label: string };

/** A select in a list's filter bar (a plain GET form: filters live in the URL). */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: Option[];
}) {
  return (
    <label className="min-w-0 max-w-full text-sm text-slate-700">
      <span className="mb-1 block font-medium">{label}</span>
      <select
        name={name}
        defaultValue={value ?? ""}
        className="min-h-tap max-w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm md:min-h-0"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SearchInput({ label, value, placeholder }: { label: string; value?: string; placeholder: string }) {
  return (
    <label className="w-full min-w-0 text-sm text-slate-700 md:w-auto md:min-w-64 md:flex-1">
      <span className="mb-1 block font-medium">{label}</span>
      <input
        type="search"
        name="q"
        defaultValue={value}
        placeholder={placeholder}
        className="block min-h-tap w-full rounded-md border border-slate-300 px-3 py-2 text-sm md:min-h-0"
      />
    </label>
  );
}

/** A list URL with the given query, dropping empty values. */
export function listHref(path: string, query: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function formatDateTime(value: Date | string | null | undefined) {
  if (!value) return "—";
  return new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** A date and time for a narrow column: it may wrap between the date and the time, never inside either. */
export function DateTimeCell({ value }: { value: Date }) {
  const [date, time] = formatDateTime(value).split(", ");
  return (
    <time dateTime={value.toISOString()}>
      <span className="whitespace-nowrap">{date}</span> <span className="whitespace-nowrap">{time}</span>
    </time>
  );
}

/**
 * A record's address that remembers the list it was opened from (`?list=` carries the list's query), so its
 * "← Clients" link returns to the same search, filters and page.
 */
export function recordHref(path: string, listParams: Record<string, string | string[] | undefined>) {
  const carried = listHref("", firstValues(listParams)).replace(/^\?/, "");
  return carried ? `${path}?${new URLSearchParams({ list: carried })}` : path;
}

/** The list a record's "←" link returns to: `?list=` read through the list's own query parser, so only its filters pass. */
export function returnToListHref<Q extends Record<string, unknown>>(
  path: string,
  carried: string | string[] | undefined,
  parse: (params: Record<string, string>) => Q,
) {
  const text = Array.isArray(carried) ? carried[0] : carried;
  if (!text) return path;
  const query = parse(Object.fromEntries(new URLSearchParams(text)));
  const defaults = parse({});
  const changed = Object.entries(query).filter(([key, value]) => value !== defaults[key]);
  return listHref(path, Object.fromEntries(changed) as Record<string, string | number | undefined>);
}
