/**
 * Whether a spreadsheet could read a cell as a formula: it starts with = + - @ (their full-width forms ＝ ＋ － ＠
 * too, which spreadsheets in East Asian locales take as the same), perhaps after spaces or tabs, or with a tab or
 * a carriage return (OWASP, CSV injection).
 */
const formulaStart = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One CSV line (RFC 4180). Cells that a spreadsheet would run as a formula are defused. */
export function csvLine(cells: readonly unknown[]) {
  return cells.map(csvCell).join(",") + "\r\n";
}

function csvCell(value: unknown) {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join("; ") : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A record read from a CSV file, with the file's line it starts on (1 for the first). */
export type CsvRecord = { line: number; cells: string[] };

export type ParsedCsv = { records: CsvRecord[]; delimiter: "," | ";" } | { problem: string };

/**
 * Reads CSV as spreadsheets write it (RFC 4180): comma or semicolon separated (whichever the first line
 * uses more), quoted cells holding separators, line breaks and doubled quotes, a UTF-8 BOM at the start,
 * CRLF, LF or CR line ends. Records whose cells are all empty (blank lines) are left out.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const delimiter = delimiterOf(source);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quotedSince = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((value) => value.trim() !== "")) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quotedSince) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quotedSince = 0;
      } else {
        if (char === "\n" || (char === "\r" && source[i + 1] !== "\n")) line++;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === "") {
      quotedSince = line;
      cell = "";
    } else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      endRecord();
      recordLine = ++line;
    } else {
      cell += char;
    }
  }
  if (quotedSince)
    return {
      problem: `The quoted value that starts on line ${quotedSince} is never closed: check the quotes (") on that line.`,
    };
  endRecord();
  return { records, delimiter };
}

/** The separator the first line uses more, quoted text aside: a semicolon where the spreadsheet's locale wants one. */
function delimiterOf(source: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of source) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}
