/** One CSV line (RFC 4180). Cells that a spreadsheet would run as a formula are defused. */
export function csvLine(cells: readonly unknown[]) {
  return cells.map(csvCell).join(",") + "\r\n";
}

function csvCell(value: unknown) {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join("; ") : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
