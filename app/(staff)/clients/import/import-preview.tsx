import type { ImportPreview as Preview } from "@/lib/clients/import-rows";
import { DataTable } from "@/app/_components/data-table";

/** The rows of a file as they would be imported, each with its line in the file and what is wrong with it. */
export function ImportPreview({ preview }: { preview: Preview }) {
  const shown = preview.rows;
  const cell = "px-3 py-2 align-top";
  return (
    <section className="space-y-3" aria-label="Preview">
      {preview.unknownColumns.length > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Not imported: {preview.unknownColumns.map((name) => `“${name}”`).join(", ")}{" "}
          {preview.unknownColumns.length === 1 ? "is not a column" : "are not columns"} Vertask knows (Name, Mail,
          Phone, Company, Notes).
        </p>
      )}
      {shown.length < preview.totalRows && (
        <p className="text-sm text-slate-600">
          Showing {shown.length} of {preview.totalRows.toLocaleString("en")} rows:{" "}
          {preview.rowsWithProblems === 0
            ? "the first ones."
            : preview.rowsWithProblems > shown.length
              ? `the first ${shown.length} rows with a problem.`
              : "every row with a problem, then the first of the others."}
        </p>
      )}
      <DataTable headers={["Line", "Name", "Mail", "Phone", "Company", "Notes", "Problems"]}>
        {shown.map((row) => (
          <tr
            key={row.line}
            className={row.problems.length ? "bg-red-50/60" : undefined}
            data-testid={`line-${row.line}`}
          >
            <td className={`${cell} tabular-nums text-slate-500`}>{row.line}</td>
            <td className={`${cell} font-medium`}>{row.values.name}</td>
            <td className={`${cell} text-slate-600`}>{row.values.mail}</td>
            <td className={`${cell} whitespace-nowrap text-slate-600`}>{row.values.phone}</td>
            <td className={`${cell} text-slate-600`}>{row.values.company}</td>
            <td className={`${cell} max-w-xs text-slate-600 wrap-anywhere`}>
              <span className="line-clamp-2 whitespace-pre-line" title={row.values.notes}>
                {row.values.notes}
              </span>
            </td>
            <td className={`${cell} text-red-800`}>
              {row.problems.length === 0 ? (
                <span className="text-emerald-700">OK</span>
              ) : (
                <ul className="space-y-0.5">
                  {row.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
