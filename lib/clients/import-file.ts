import { gunzipSync, gzipSync } from "node:zlib";
import { FieldError } from "@/lib/auth/field-error";
import { importLimits } from "./import-rows";

const fileProblem = (message: string) => new FieldError("file", message);
const utf8 = new TextDecoder("utf-8", { fatal: true });
const megabytes = `${importLimits.bytes / 1024 / 1024} MB`;

function decode(bytes: Uint8Array) {
  if (bytes.length > importLimits.bytes)
    throw fileProblem(`The file is larger than ${megabytes}: split it into smaller files.`);
  if (bytes.includes(0))
    throw fileProblem("This is not a CSV file: save the list from your spreadsheet as “CSV UTF-8”.");
  try {
    return utf8.decode(bytes);
  } catch {
    throw fileProblem("The file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8” and upload it again.");
  }
}

/** The text of an uploaded CSV file, or the reason it cannot be read as one. */
export async function readImportFile(file: File) {
  // A form posted without a file sends an empty one, whose name depends on the browser and on JavaScript.
  if (file.size === 0) throw fileProblem("Choose a CSV file to import: none was chosen, or the one chosen is empty.");
  if (!/\.(csv|txt)$/i.test(file.name) && !/^text\/(csv|plain)/.test(file.type)) {
    throw fileProblem("This is not a CSV file: choose a file ending in .csv.");
  }
  if (file.size > importLimits.bytes)
    throw fileProblem(`The file is larger than ${megabytes}: split it into smaller files.`);
  return decode(new Uint8Array(await file.arrayBuffer()));
}

/**
 * The file's text as the preview carries it to "Import" in a hidden field: gzipped (a CSV file shrinks several
 * times, and the browser posts the field and the page's form state with it) and base64, so a form post cannot
 * change its line ends or characters. Whatever comes back is checked again from the start.
 */
export const importContentOf = (text: string) => gzipSync(Buffer.from(text, "utf8")).toString("base64");

export function textOfImportContent(content: string) {
  let bytes: Buffer;
  try {
    // Never unpacks past the size limit, whatever was posted.
    bytes = gunzipSync(Buffer.from(content, "base64"), { maxOutputLength: importLimits.bytes + 1 });
  } catch (error) {
    if (error instanceof RangeError)
      throw fileProblem(`The file is larger than ${megabytes}: split it into smaller files.`);
    throw fileProblem("The file's content was lost on the way: upload the file again.");
  }
  return decode(new Uint8Array(bytes));
}
