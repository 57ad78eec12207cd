import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/lists/csv";
import { readClientRows } from "@/lib/clients/import-rows";

const records = (text: string) => {
  const parsed = parseCsv(text);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.records;
};

describe("reading CSV", () => {
  it("reads quoted cells holding commas, line breaks and doubled quotes, and numbers records by the file's lines", () => {
    const text = 'Name,Notes\r\n"Smith, Ann","Line one\r\nline two"\r\n"Bo ""Bobby"" Lee",plain\r\n';
    expect(records(text)).toEqual([
      { line: 1, cells: ["Name", "Notes"] },
      { line: 2, cells: ["Smith, Ann", "Line one\r\nline two"] },
      { line: 4, cells: ['Bo "Bobby" Lee', "plain"] },
    ]);
  });

  it("drops a UTF-8 BOM and reads semicolon-separated files, as spreadsheets in many locales write them", () => {
    const parsed = parseCsv('\uFEFFName;Company\nZoë;"Müller; Söhne"\n');
    expect(parsed).toEqual({
      delimiter: ";",
      records: [
        { line: 1, cells: ["Name", "Company"] },
        { line: 2, cells: ["Zoë", "Müller; Söhne"] },
      ],
    });
  });

  it("skips blank lines but keeps counting them, with LF, CRLF or CR line ends", () => {
    expect(records("Name\n\nA\r\n\r\nB\rC").map((r) => [r.line, r.cells[0]])).toEqual([
      [1, "Name"],
      [3, "A"],
      [5, "B"],
      [6, "C"],
    ]);
  });

  it("names the line of a quote that is never closed", () => {
    expect(parseCsv('Name,Notes\nAnn,"open\nstill open\n')).toEqual({
      problem: 'The quoted value that starts on line 2 is never closed: check the quotes (") on that line.',
    });
  });
});

describe("reading a client CSV file", () => {
  it("knows the columns by their names in any case, including Display name and E-mail, and reports the others", () => {
    const { rows, unknownColumns } = readClientRows(
      "DISPLAY NAME,e-mail,Phone,company,NOTES,Department\nAnn,ann@x.example,1,Co,hi,Sales\n",
    );
    expect(unknownColumns).toEqual(["Department"]);
    expect(rows[0]).toMatchObject({
      line: 2,
      problems: [],
      fields: { name: "Ann", mail: "ann@x.example", phone: "1", company: "Co", notes: "hi" },
    });
  });

  it("gives each bad row its problems: a missing name, a mail that is not an address, a value too long, a mail repeated on other lines", () => {
    const text = [
      "Name,Email,Phone",
      "Ann,ann@x.example,",
      ",nobody@x.example,",
      "Cy,not an address,",
      "Di,ANN@x.example ," + "9".repeat(65),
      "Ed,ann@x.example,",
    ].join("\n");
    const problems = Object.fromEntries(readClientRows(text).rows.map((row) => [row.line, row.problems]));
    expect(problems).toEqual({
      2: ["The same mail is on lines 2, 5 and 6."],
      3: ["Name is missing."],
      4: ["Mail is not an address like name@example.com."],
      5: ["Phone is longer than 64 characters.", "The same mail is on lines 2, 5 and 6."],
      6: ["The same mail is on lines 2, 5 and 6."],
    });
  });

  it("a line with more values than the header has columns is a problem of that line", () => {
    const { rows } = readClientRows("Name,Mail\nAnn,ann@x.example,extra\n");
    expect(rows[0].problems).toEqual([
      "This line has 3 values but the header names 2 columns: check its separators and quotes.",
    ]);
  });

  it("refuses a file that is not a client list, with the reason", () => {
    expect(() => readClientRows("")).toThrow("The file is empty.");
    expect(() => readClientRows("\uFEFF\n\n")).toThrow("The file is empty.");
    expect(() => readClientRows("Name,Mail\n")).toThrow("The file has a header row but no clients below it.");
    expect(() => readClientRows("First name,Last name\nAnn,Lee\n")).toThrow(
      "The first line names no Name column. It must name the columns, like: Name,Mail,Phone,Company,Notes (it names First name, Last name).",
    );
    expect(() => readClientRows("Name,Mail,Email\nAnn,a@x.example,b@x.example\n")).toThrow(
      'The header row has two Mail columns ("Mail" and "Email"): keep one.',
    );
    expect(() => readClientRows("Name\n" + "x\n".repeat(10_001))).toThrow(
      "The file has 10,001 rows; import at most 10,000 at a time (split the file).",
    );
  });
});
