// What a client's history tells of what staff did by hand: added (one by one or from a CSV file), edited (each
// field old → new), Notes changed (by whom, never what), and nothing for an edit that was refused.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, recordEvents } from "@/db/schema";
import { addClient, editClient } from "@/lib/clients/commands";
import { clientFields } from "@/lib/clients/client-fields";
import { importClients } from "@/lib/clients/import-clients";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;

beforeEach(async () => {
  await resetDatabase();
  technician = await createActor("technician", "Tess Technician");
});
afterAll(closeDatabase);

const historyOf = (clientId: string) =>
  db.select().from(recordEvents).where(eq(recordEvents.clientId, clientId)).orderBy(asc(recordEvents.id));
const allEvents = () => db.select().from(recordEvents);
const byTess = () => ({ staffId: technician.id, staffName: "Tess Technician", runId: null });

async function handMadeClient() {
  const fields = clientFields.parse({ name: "Hana Hand", mail: "hana@client.example", notes: "Keys in drawer 2." });
  return (await addClient(technician, fields, null)).id;
}

describe("a client added by hand", () => {
  it("starts its history with one 'added by hand' event naming the staff member", async () => {
    const id = await handMadeClient();
    expect(await historyOf(id)).toEqual([
      expect.objectContaining({
        kind: "added_by_hand",
        organizationId: await organizationId(),
        ...byTess(),
        changes: null,
        at: expect.any(Date),
      }),
    ]);
  });

  it("from a CSV file: one 'added by hand' event per imported client, naming the file", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `Client ${i};client${i}@import.example`);
    await importClients(technician, ["Name;Mail", ...rows].join("\n"), "clients.csv", null);
    const events = await allEvents();
    const imported = await db.select({ id: clients.id }).from(clients);
    expect(imported).toHaveLength(1500);
    expect(events).toHaveLength(1500);
    expect(new Set(events.map((e) => e.clientId))).toEqual(new Set(imported.map((c) => c.id)));
    expect(events.every((e) => e.kind === "added_by_hand" && e.staffId === technician.id)).toBe(true);
    expect(events[0]).toMatchObject({ staffName: "Tess Technician", reason: "imported from clients.csv" });
  });

  it("a CSV file that is refused adds no client and no event", async () => {
    await expect(importClients(technician, "Name;Mail\nAnn;not a mail\n", "bad.csv", null)).rejects.toThrow(
      "Nothing was imported",
    );
    expect(await allEvents()).toEqual([]);
  });
});

describe("editing a client by hand", () => {
  it("tells each changed field old → new once, by whom, and leaves unchanged fields out", async () => {
    const id = await handMadeClient();
    await editClient(technician, id, { name: "Hana Hand-Smith", mail: "hana@client.example", phone: "+41 44 555" });
    const [, edited, ...rest] = await historyOf(id);
    expect(rest).toEqual([]);
    expect(edited).toMatchObject({
      kind: "edited_by_hand",
      ...byTess(),
      changes: [
        { field: "displayName", from: "Hana Hand", to: "Hana Hand-Smith" },
        { field: "mobilePhone", from: null, to: "+41 44 555" },
      ],
    });
  });

  it("Notes changed: said, by whom, with no text in the event", async () => {
    const id = await handMadeClient();
    await editClient(technician, id, { notes: "Alarm code 4711, do not share." });
    const [, notes] = await historyOf(id);
    expect(notes).toMatchObject({ kind: "notes_changed", ...byTess(), changes: null, reason: null });
    expect(JSON.stringify(await historyOf(id))).not.toMatch(/4711|drawer/);
  });

  it("Notes of a client from Microsoft Entra: the one field staff may change there, told the same way", async () => {
    const [entra] = await db
      .insert(clients)
      .values({ organizationId: await organizationId(), displayName: "Erin", source: "azure", entraObjectId: "e-2" })
      .returning();
    await editClient(technician, entra.id, { notes: "VIP: call before visiting." });
    expect(await historyOf(entra.id)).toEqual([
      expect.objectContaining({ kind: "notes_changed", ...byTess(), changes: null }),
    ]);
  });

  it("a name and Notes changed together: the edit names the name, Notes are only said to have changed", async () => {
    const id = await handMadeClient();
    await editClient(technician, id, { company: "Hand & Co", notes: "Alarm code 4711." });
    const kinds = (await historyOf(id)).map((e) => [e.kind, e.changes]);
    expect(kinds).toEqual([
      ["added_by_hand", null],
      ["edited_by_hand", [{ field: "companyName", from: null, to: "Hand & Co" }]],
      ["notes_changed", null],
    ]);
  });

  it("moving to another organization tells the organizations' names, in the new one", async () => {
    const id = await handMadeClient();
    const fabrikam = await organizationId("Fabrikam");
    await editClient(technician, id, { moveToOrganizationId: fabrikam });
    const [, moved] = await historyOf(id);
    expect(moved).toMatchObject({
      kind: "edited_by_hand",
      organizationId: fabrikam,
      changes: [{ field: "organization", from: "My organization", to: "Fabrikam" }],
    });
  });

  it("an edit that changes nothing writes no event", async () => {
    const id = await handMadeClient();
    await editClient(technician, id, { name: "Hana Hand", notes: "Keys in drawer 2." });
    expect((await historyOf(id)).map((e) => e.kind)).toEqual(["added_by_hand"]);
  });

  it("an edit refused (a mail another client has, a synced field of a client from Entra) writes no event", async () => {
    const id = await handMadeClient();
    const other = await addClient(technician, clientFields.parse({ name: "Otto", mail: "otto@client.example" }), null);
    await expect(editClient(technician, id, { name: "Renamed", mail: "otto@client.example" })).rejects.toThrow(
      "An active client already has this mail: Otto.",
    );
    const [entra] = await db
      .insert(clients)
      .values({ organizationId: await organizationId(), displayName: "Erin", source: "azure", entraObjectId: "e-1" })
      .returning();
    await expect(editClient(technician, entra.id, { name: "Erin Renamed" })).rejects.toThrow("Microsoft Entra");
    expect((await allEvents()).map((e) => [e.clientId, e.kind])).toEqual([
      [id, "added_by_hand"],
      [other.id, "added_by_hand"],
    ]);
  });
});
