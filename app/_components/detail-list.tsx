export type Detail = [label: string, value: React.ReactNode];

/** A record's fields as label/value pairs; empty values show as a dash. A narrow list (beside a form) keeps one column. */
export function DetailList({ details, narrow = false }: { details: Detail[]; narrow?: boolean }) {
  return (
    <dl
      className={`grid grid-cols-1 gap-x-8 gap-y-3 rounded-xl border border-slate-200 bg-white p-6 ${narrow ? "" : "sm:grid-cols-2 lg:grid-cols-3"}`}
    >
      {details.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="mt-0.5 wrap-anywhere text-sm">
            {value === null || value === undefined || value === "" ? "—" : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function yesNo(value: boolean | null | undefined) {
  return value === null || value === undefined ? null : value ? "Yes" : "No";
}
