import { FieldError } from "@/lib/auth/field-error";
import { parseCsv, type CsvRecord } from "@/lib/lists/csv";
import { clientFieldLabels, clientFields, mailKey, type ClientField, type ClientFields } from "./client-fields";

export const importLimits = { bytes: 5 * 1024 * 1024, rows: 10_000 };

/** A row of an import as its preview shows it: the file's line, the values as written, what is wrong. */
type ImportRow = { line: number; values: Record<ClientField, string>; problems: string[] };

/** What a preview shows: some of the rows (see importPreview), and how many the file has, with problems and in all. */
export type ImportPreview = {
  rows: ImportRow[];
  totalRows: number;
  rowsWithProblems: number;
  unknownColumns: string[];
};

/** A row read, with its fields when they are all valid, and its mail when that one is. */
export type ReadRow = ImportRow & { fields: ClientFields | null; mail: string | null };

// Header names, compared in lower case with spaces squeezed.
const columnNames: Record<string, ClientField> = {
  name: "name",
  "display name": "name",
  mail: "mail",
  email: "mail",
  "e-mail": "mail",
  phone: "phone",
  company: "company",
  notes: "notes",
};

const fields = Object.keys(clientFieldLabels) as ClientField[];
const fileProblem = (message: string) => new FieldError("file", message);

/** Which cell holds each field; a header the import does not know is kept to be reported. */
function readHeader(header: CsvRecord) {
  const cellOf: Partial<Record<ClientField, number>> = {};
  const unknownColumns: string[] = [];
  header.cells.forEach((cell, index) => {
    const field = columnNames[cell.trim().toLowerCase().replace(/\s+/g, " ")];
    if (!field) {
      if (cell.trim()) unknownColumns.push(cell.trim());
    } else if (cellOf[field] !== undefined) {
      throw fileProblem(
        `The header row has two ${clientFieldLabels[field]} columns ("${header.cells[cellOf[field]!].trim()}" and "${cell.trim()}"): keep one.`,
      );
    } else {
      cellOf[field] = index;
    }
  });
  if (cellOf.name === undefined) {
    throw fileProblem(
      `The first line names no Name column. It must name the columns, like: Name,Mail,Phone,Company,Notes${unknownColumns.length ? ` (it names ${unknownColumns.join(", ")})` : ""}.`,
    );
  }
  return { cellOf, columns: header.cells.length, unknownColumns };
}

/**
 * Reads a client CSV file into rows with their problems: each field checked as the Add client form checks
 * it, and a mail written on more than one line named on each of them. A file that is not a client list at
 * all (no header, too many rows, a broken quote) is refused whole, with the reason.
 */
export function readClientRows(text: string): { rows: ReadRow[]; unknownColumns: string[] } {
  if (text.replace(/^\uFEFF/, "").trim() === "") throw fileProblem("The file is empty.");
  const parsed = parseCsv(text);
  if ("problem" in parsed) throw fileProblem(parsed.problem);
  const [header, ...records] = parsed.records;
  if (!header) throw fileProblem("The file is empty.");
  const { cellOf, columns, unknownColumns } = readHeader(header);
  if (records.length === 0) throw fileProblem("The file has a header row but no clients below it.");
  if (records.length > importLimits.rows) {
    throw fileProblem(
      `The file has ${records.length.toLocaleString("en")} rows; import at most ${importLimits.rows.toLocaleString("en")} at a time (split the file).`,
    );
  }
  const rows = records.map((record): ReadRow => {
    const values = Object.fromEntries(
      fields.map((field) => [field, cellOf[field] === undefined ? "" : (record.cells[cellOf[field]!] ?? "")]),
    ) as Record<ClientField, string>;
    const problems: string[] = [];
    if (record.cells.length > columns)
      problems.push(
        `This line has ${record.cells.length} values but the header names ${columns} columns: check its separators and quotes.`,
      );
    const checked = clientFields.safeParse(values);
    if (!checked.success) problems.push(...checked.error.issues.map((issue) => issue.message));
    const mail = clientFields.shape.mail.safeParse(values.mail);
    return {
      line: record.line,
      values,
      problems,
      fields: checked.success ? checked.data : null,
      mail: mail.success ? mail.data : null,
    };
  });
  markRepeatedMails(rows);
  return { rows, unknownColumns };
}

function markRepeatedMails(rows: ReadRow[]) {
  const linesOf = new Map<string, number[]>();
  for (const row of rows) {
    if (!row.mail) continue;
    const key = mailKey(row.mail);
    linesOf.set(key, [...(linesOf.get(key) ?? []), row.line]);
  }
  for (const row of rows) {
    const lines = row.mail ? linesOf.get(mailKey(row.mail))! : [];
    if (lines.length > 1)
      row.problems.push(`The same mail is on lines ${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}.`);
  }
}

// The page holds a preview in its form state, which the browser posts back with the next step: it stays small.
const shownRows = 500;
const shownLength = 200;

const shortened = (value: string) => (value.length > shownLength ? `${value.slice(0, shownLength)}…` : value);

/**
 * What the preview page shows: every row with a problem, then the first good ones, up to 500 rows in the
 * file's order; each value cut at 200 characters (the import reads the file, not the preview).
 */
export function importPreview(rows: ReadRow[], unknownColumns: string[]): ImportPreview {
  const bad = rows.filter((row) => row.problems.length > 0);
  const good = rows.filter((row) => row.problems.length === 0);
  const shown = [...bad.slice(0, shownRows), ...good.slice(0, Math.max(0, shownRows - bad.length))].sort(
    (a, b) => a.line - b.line,
  );
  return {
    rows: shown.map(({ line, values, problems }) => ({
      line,
      problems,
      values: Object.fromEntries(
        Object.entries(values).map(([field, value]) => [field, shortened(value)]),
      ) as ImportRow["values"],
    })),
    totalRows: rows.length,
    rowsWithProblems: bad.length,
    unknownColumns,
  };
}
