/**
 * The lists' table: a header row of column names, then the rows the page renders. `compact` narrows the headings'
 * padding to the px-3 its rows then use, for a table that must show many columns at once.
 */
export function DataTable({
  headers,
  children,
  className = "",
  compact = false,
}: {
  headers: React.ReactNode[];
  children: React.ReactNode;
  className?: string;
  compact?: boolean;
}) {
  return (
    <div className={`overflow-x-auto rounded-xl border border-slate-200 bg-white ${className}`}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {headers.map((header, i) => (
              <th key={i} className={compact ? "px-3 py-3" : "px-4 py-3"}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
