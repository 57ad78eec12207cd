import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { auditEvents, clients } from "@/db/schema";
import { addClient, editClient } from "@/lib/clients/commands";
import { clientFields } from "@/lib/clients/client-fields";
import { userFields, writtenColumns } from "@/lib/synced-fields";
import { FieldError } from "@/lib/auth/field-error";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let superuser: Actor;
let technician: Actor;

beforeEach(async () => {
  await resetDatabase();
  superuser = await createActor("superuser");
  technician = await createActor("technician");
});
afterAll(closeDatabase);

const fields = (input: Record<string, string>) => clientFields.parse(input);
const clientRow = async (id: string) => (await db.select().from(clients).where(eq(clients.id, id)))[0];
const lastAudit = async () => (await db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(1))[0];

async function entraClient() {
  const [row] = await db
    .insert(clients)
    .values({
      organizationId: await organizationId(),
      displayName: "Erin Entra",
      mail: "erin@contoso.example",
      mobilePhone: "+1 555 0100",
      companyName: "Contoso",
      source: "azure",
      entraObjectId: "0f6a1c9e-0000-4000-8000-000000000001",
    })
    .returning();
  return row;
}

describe("adding a client by hand", () => {
  it("a technician may add one: active, source manual, no Entra connection, phone and company in the synced columns", async () => {
    const { id } = await addClient(
      technician,
      fields({
        name: "  Hana Hand ",
        mail: "Hana@Client.example",
        phone: "+41 44 555 01 02",
        company: "Hand & Co",
        notes: "Prefers phone calls.",
      }),
      null,
    );
    expect(await clientRow(id)).toMatchObject({
      displayName: "Hana Hand",
      mail: "Hana@Client.example",
      mobilePhone: "+41 44 555 01 02",
      companyName: "Hand & Co",
      notes: "Prefers phone calls.",
      source: "manual",
      status: "active",
      connectionId: null,
      entraObjectId: null,
    });
    expect(await lastAudit()).toMatchObject({
      actorId: technician.id,
      action: "clients.added",
      summary: "Added Hana Hand by hand",
    });
  });

  it("empty optional fields are kept as nothing, not as empty text", async () => {
    const { id } = await addClient(
      superuser,
      fields({ name: "Only Name", mail: " ", phone: "", company: "", notes: "" }),
      null,
    );
    expect(await clientRow(id)).toMatchObject({ mail: null, mobilePhone: null, companyName: null, notes: null });
  });

  it("explains a missing name, a mail that is not an address and values that are too long, field by field", () => {
    const result = clientFields.safeParse({
      name: "   ",
      mail: "not-an-address",
      phone: "1".repeat(65),
      company: "c".repeat(257),
      notes: "n".repeat(10_001),
    });
    expect(result.success).toBe(false);
    expect(result.error!.flatten().fieldErrors).toEqual({
      name: ["Name is missing."],
      mail: ["Mail is not an address like name@example.com."],
      phone: ["Phone is longer than 64 characters."],
      company: ["Company is longer than 256 characters."],
      notes: ["Notes is longer than 10,000 characters."],
    });
    expect(clientFields.safeParse({ name: "Two Mails", mail: "a@x.example; b@y.example" }).success).toBe(false);
  });

  it("refuses a mail an active client already has, whatever its case and spaces, and saves nothing", async () => {
    await addClient(superuser, fields({ name: "First", mail: "same@client.example" }), null);
    const second = addClient(technician, fields({ name: "Second", mail: "  SAME@Client.Example " }), null);
    await expect(second).rejects.toThrow(FieldError);
    await expect(second).rejects.toMatchObject({ fields: { mail: "An active client already has this mail: First." } });
    expect(await db.select().from(clients)).toHaveLength(1);
  });

  it("a mail that only a disabled or removed client has is free", async () => {
    await db.insert(clients).values({
      organizationId: await organizationId(),
      displayName: "Gone",
      mail: "gone@client.example",
      source: "azure",
      status: "removed",
    });
    await expect(
      addClient(superuser, fields({ name: "New", mail: "gone@client.example" }), null),
    ).resolves.toHaveProperty("id");
  });

  it("two people adding the same mail at once make one client", async () => {
    const results = await Promise.allSettled([
      addClient(superuser, fields({ name: "One", mail: "race@client.example" }), null),
      addClient(technician, fields({ name: "Two", mail: "race@client.example" }), null),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.select().from(clients)).toHaveLength(1);
  });

  it("nobody signed out may add one", async () => {
    await expect(addClient(null as unknown as Actor, fields({ name: "Nobody" }), null)).rejects.toThrow(
      "Sign in to continue.",
    );
  });
});

describe("editing a client", () => {
  it("every field of a client added by hand can be changed, and the audit log names the fields", async () => {
    const { id } = await addClient(superuser, fields({ name: "Ivo Initial", mail: "ivo@client.example" }), null);
    const result = await editClient(
      technician,
      id,
      fields({
        name: "Ivo Changed",
        mail: "ivo.changed@client.example",
        phone: "+1 555 0199",
        company: "Ivo Ltd",
        notes: "Moved office.",
      }),
    );
    expect(result.changed).toEqual(["name", "mail", "phone", "company", "notes"]);
    expect(await clientRow(id)).toMatchObject({
      displayName: "Ivo Changed",
      mail: "ivo.changed@client.example",
      mobilePhone: "+1 555 0199",
      companyName: "Ivo Ltd",
      notes: "Moved office.",
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: "clients.edited",
      summary: "Edited Name, Mail, Phone, Company, Notes of Ivo Changed",
    });
    // The notes' text stays out of the audit log.
    expect(audit.changes).toEqual({
      Name: { from: "Ivo Initial", to: "Ivo Changed" },
      Mail: { from: "ivo@client.example", to: "ivo.changed@client.example" },
      Phone: { from: null, to: "+1 555 0199" },
      Company: { from: null, to: "Ivo Ltd" },
    });
  });

  it("refuses a synced field of a client from Microsoft Entra, and changes nothing", async () => {
    const erin = await entraClient();
    await expect(editClient(superuser, erin.id, { name: "Erin Edited", notes: "note" })).rejects.toThrow(
      "Name of Erin Entra is kept in step with Microsoft Entra ID: change it there. Only Notes can be edited here.",
    );
    await expect(editClient(technician, erin.id, { mail: "other@contoso.example", phone: "1" })).rejects.toThrow(
      /^Mail, Phone of Erin Entra are kept in step/,
    );
    expect(await clientRow(erin.id)).toMatchObject({
      displayName: "Erin Entra",
      mail: "erin@contoso.example",
      notes: null,
      updatedAt: erin.updatedAt,
    });
  });

  it("Notes can be edited on a client from Microsoft Entra and on one added by hand", async () => {
    const erin = await entraClient();
    const { id } = await addClient(technician, fields({ name: "Hand Made" }), null);
    await editClient(technician, erin.id, { notes: "Call before 10." });
    await editClient(technician, id, { notes: "Has a spare laptop." });
    expect((await clientRow(erin.id)).notes).toBe("Call before 10.");
    expect((await clientRow(id)).notes).toBe("Has a spare laptop.");
    expect(await lastAudit()).toMatchObject({
      action: "clients.edited",
      summary: "Edited Notes of Hand Made",
      changes: {},
    });
  });

  it("the fields a sync writes are exactly the ones refused on a client from Entra; Notes is not one of them", () => {
    const synced = writtenColumns(userFields) as string[];
    expect(synced).toEqual(expect.arrayContaining(["displayName", "mail", "mobilePhone", "companyName"]));
    expect(synced).not.toContain("notes");
  });

  it("refuses changing a mail to one another active client has, but keeping a client's own mail is fine", async () => {
    await addClient(superuser, fields({ name: "Taken", mail: "taken@client.example" }), null);
    const { id } = await addClient(superuser, fields({ name: "Mover", mail: "mover@client.example" }), null);
    await expect(
      editClient(superuser, id, fields({ name: "Mover", mail: "TAKEN@client.example" })),
    ).rejects.toMatchObject({ fields: { mail: "An active client already has this mail: Taken." } });
    await expect(
      editClient(superuser, id, fields({ name: "Mover", mail: "Mover@client.example" })),
    ).resolves.toMatchObject({ changed: ["mail"] });
  });

  it("saving without a change writes nothing, not even an audit row", async () => {
    const { id } = await addClient(superuser, fields({ name: "Still", notes: "Same" }), null);
    const before = await lastAudit();
    await expect(editClient(superuser, id, fields({ name: "Still", notes: "Same" }))).resolves.toEqual({
      name: "Still",
      changed: [],
    });
    expect((await lastAudit()).id).toBe(before.id);
  });
});
