import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { asc, desc } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { auditEvents, clients } from "@/db/schema";
import { importClients, ImportRefused, previewClientImport } from "@/lib/clients/import-clients";
import { importContentOf, readImportFile, textOfImportContent } from "@/lib/clients/import-file";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;

beforeEach(async () => {
  await resetDatabase();
  technician = await createActor("technician");
});
afterAll(closeDatabase);

const goodFile =
  '\uFEFFName;Mail;Phone;Company;Notes\r\nAnn Lee;ann@client.example;+1 555 0101;"Lee; Sons";"Two lines:\r\nfirst, second"\r\nBo Ray;;;;\r\n';

describe("importing clients from a CSV file", () => {
  it("the preview lists every row with its line and saves nothing", async () => {
    const preview = await previewClientImport(technician, goodFile, null);
    expect(preview).toMatchObject({ totalRows: 2, rowsWithProblems: 0, unknownColumns: [] });
    expect(preview.rows.map((row) => [row.line, row.values.name])).toEqual([
      [2, "Ann Lee"],
      [4, "Bo Ray"],
    ]);
    expect(await db.select().from(clients)).toHaveLength(0);
  });

  it("imports every row of a good file as clients added by hand, with one audit row", async () => {
    await expect(importClients(technician, goodFile, "clients.csv", null)).resolves.toEqual({ imported: 2 });
    const rows = await db.select().from(clients).orderBy(asc(clients.displayName));
    expect(rows).toMatchObject([
      {
        displayName: "Ann Lee",
        mail: "ann@client.example",
        mobilePhone: "+1 555 0101",
        companyName: "Lee; Sons",
        notes: "Two lines:\r\nfirst, second",
        source: "manual",
        status: "active",
        connectionId: null,
      },
      {
        displayName: "Bo Ray",
        mail: null,
        mobilePhone: null,
        companyName: null,
        notes: null,
        source: "manual",
        status: "active",
      },
    ]);
    const [audit] = await db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(1);
    expect(audit).toMatchObject({
      action: "clients.imported",
      summary: "Imported 2 clients from clients.csv",
      actorId: technician.id,
    });
  });

  it("a file with one bad row saves nothing, and the refusal lists the bad row by its line", async () => {
    const file = "Name,Mail\nAnn,ann@client.example\nBo,bo@client.example\n,nameless@client.example\n";
    const refusal = await importClients(technician, file, "bad.csv", null).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportRefused);
    expect((refusal as ImportRefused).message).toBe(
      "Nothing was imported: 1 row has a problem. Fix it in the file and upload it again.",
    );
    const preview = (refusal as ImportRefused).data as Awaited<ReturnType<typeof previewClientImport>>;
    expect(preview.rows.filter((row) => row.problems.length)).toEqual([
      { line: 4, values: expect.objectContaining({ mail: "nameless@client.example" }), problems: ["Name is missing."] },
    ]);
    expect(await db.select().from(clients)).toHaveLength(0);
    expect(await db.select().from(auditEvents)).toHaveLength(0);
  });

  it("checks the file again at import: a mail an active client took since the preview refuses it", async () => {
    expect((await previewClientImport(technician, goodFile, null)).rowsWithProblems).toBe(0);
    await db.insert(clients).values({
      organizationId: await organizationId(),
      displayName: "Ann Earlier",
      mail: "ANN@client.example",
      source: "azure",
    });
    const refusal = (await importClients(technician, goodFile, "clients.csv", null).catch(
      (error: unknown) => error,
    )) as ImportRefused;
    expect((refusal.data as { rows: { line: number; problems: string[] }[] }).rows[0]).toMatchObject({
      line: 2,
      problems: ["An active client already has this mail: Ann Earlier."],
    });
    expect(await db.select().from(clients)).toHaveLength(1);
  });

  it("carries the file's text to the import step unchanged, line ends and all, and unpacks nothing past the size limit", () => {
    const text = goodFile.slice(1);
    expect(textOfImportContent(importContentOf(text))).toBe(text);
    expect(() => textOfImportContent(importContentOf("x".repeat(6 * 1024 * 1024)))).toThrow(
      "The file is larger than 5 MB: split it into smaller files.",
    );
    expect(() => textOfImportContent("not what the preview sent")).toThrow(
      "The file's content was lost on the way: upload the file again.",
    );
  });

  it("a preview of a large file shows every bad row and the first good ones, 500 at most, with long values cut", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) =>
      i % 400 === 7 ? `,nobody${i}@x.example,` : `Row ${i},row${i}@x.example,${"n".repeat(300)}`,
    );
    const preview = await previewClientImport(technician, ["Name,Mail,Notes", ...rows].join("\n"), null);
    expect(preview).toMatchObject({ totalRows: 2000, rowsWithProblems: 5 });
    expect(preview.rows).toHaveLength(500);
    expect(preview.rows.filter((row) => row.problems.length).map((row) => row.line)).toEqual([9, 409, 809, 1209, 1609]);
    expect(preview.rows[0]).toMatchObject({ line: 2, values: { notes: `${"n".repeat(200)}…` } });
  });

  it("refuses an upload that is empty, too large, not UTF-8 or not CSV, with the reason", async () => {
    const file = (content: BlobPart, name = "clients.csv", type = "text/csv") => new File([content], name, { type });
    await expect(readImportFile(file(""))).rejects.toThrow(
      "Choose a CSV file to import: none was chosen, or the one chosen is empty.",
    );
    await expect(readImportFile(file("x".repeat(5 * 1024 * 1024 + 1)))).rejects.toThrow(
      "The file is larger than 5 MB: split it into smaller files.",
    );
    await expect(readImportFile(file(new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x0a])))).rejects.toThrow(
      /not UTF-8 text/,
    );
    await expect(
      readImportFile(
        file(
          "PK\u0003\u0004\u0000",
          "clients.xlsx",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
      ),
    ).rejects.toThrow("This is not a CSV file: choose a file ending in .csv.");
    await expect(readImportFile(file("Name\u0000"))).rejects.toThrow(/This is not a CSV file/);
    // The decoder drops the BOM; the rest is the file as written.
    await expect(readImportFile(file(goodFile))).resolves.toBe(goodFile.slice(1));
  });
});
