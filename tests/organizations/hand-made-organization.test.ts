// Clients added by hand, imported or edited belong to an organization: the only one, or the one chosen.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, organizations } from "@/db/schema";
import { addClient, editClient } from "@/lib/clients/commands";
import { clientFields } from "@/lib/clients/client-fields";
import { importClients, previewClientImport } from "@/lib/clients/import-clients";
import { FieldError } from "@/lib/auth/field-error";
import { ActionRefused } from "@/lib/auth/action-refused";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;
beforeEach(async () => {
  await resetDatabase();
  technician = await createActor("technician");
});
afterAll(closeDatabase);

const fields = (input: Record<string, string>) => clientFields.parse(input);
const clientRow = async (id: string) => (await db.select().from(clients).where(eq(clients.id, id)))[0];
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("the organization of a client added by hand", () => {
  it("with no organization yet, the client goes to a new one named My organization", async () => {
    const { id } = await addClient(technician, fields({ name: "Hana Hand" }), null);
    const [only] = await db.select().from(organizations);
    expect(only.name).toBe("My organization");
    expect((await clientRow(id)).organizationId).toBe(only.id);
  });

  it("with one organization, the client goes to it without being asked", async () => {
    const contoso = await organizationId("Contoso");
    const { id } = await addClient(technician, fields({ name: "Hana Hand" }), null);
    expect((await clientRow(id)).organizationId).toBe(contoso);
    expect(await db.$count(organizations)).toBe(1);
  });

  it("with two, a choice is required; one that does not exist is refused; nothing is saved either way", async () => {
    await organizationId("Contoso");
    await organizationId("Fabrikam");
    expect(await refusal(addClient(technician, fields({ name: "Hana Hand" }), null))).toMatchObject({
      fields: { organizationId: "Choose an organization." },
    });
    const gone = await refusal(
      addClient(technician, fields({ name: "Hana Hand" }), "00000000-0000-4000-8000-000000000000"),
    );
    expect(gone).toBeInstanceOf(FieldError);
    expect((gone as FieldError).fields).toEqual({
      organizationId: "This organization no longer exists: choose another.",
    });
    expect(await db.$count(clients)).toBe(0);
  });

  it("the same mail may belong to an active client of each organization, not to two of one", async () => {
    const [contoso, fabrikam] = [await organizationId("Contoso"), await organizationId("Fabrikam")];
    await addClient(technician, fields({ name: "Pat Contoso", mail: "pat@example.com" }), contoso);
    const { id } = await addClient(technician, fields({ name: "Pat Fabrikam", mail: "PAT@example.com" }), fabrikam);
    expect((await clientRow(id)).organizationId).toBe(fabrikam);
    expect(
      await refusal(addClient(technician, fields({ name: "Pat Again", mail: "pat@example.com" }), fabrikam)),
    ).toMatchObject({
      fields: { mail: "An active client already has this mail: Pat Fabrikam." },
    });
  });

  it("an import goes to the organization chosen, checking mails within it; with two and none chosen it is refused", async () => {
    const [contoso, fabrikam] = [await organizationId("Contoso"), await organizationId("Fabrikam")];
    await addClient(technician, fields({ name: "Ann Earlier", mail: "ann@example.com" }), contoso);
    const file = "Name,Mail\nAnn Lee,ann@example.com\nBo Ray,bo@example.com\n";
    expect((await previewClientImport(technician, file, contoso)).rowsWithProblems).toBe(1);
    expect((await previewClientImport(technician, file, fabrikam)).rowsWithProblems).toBe(0);
    expect(await refusal(importClients(technician, file, "clients.csv", null))).toMatchObject({
      fields: { organizationId: "Choose an organization." },
    });
    await importClients(technician, file, "clients.csv", fabrikam);
    const imported = await db
      .select()
      .from(clients)
      .where(eq(clients.organizationId, fabrikam))
      .orderBy(asc(clients.displayName));
    expect(imported.map((row) => row.displayName)).toEqual(["Ann Lee", "Bo Ray"]);
  });

  it("a preview with no organization yet saves nothing, not even an organization", async () => {
    expect((await previewClientImport(technician, "Name\nAnn\n", null)).totalRows).toBe(1);
    expect(await db.$count(organizations)).toBe(0);
  });

  it("a client added by hand moves to another organization; one from Microsoft Entra stays with its tenant's", async () => {
    const [contoso, fabrikam] = [await organizationId("Contoso"), await organizationId("Fabrikam")];
    const { id } = await addClient(technician, fields({ name: "Mo Mover", mail: "mo@example.com" }), contoso);
    await editClient(technician, id, { moveToOrganizationId: fabrikam });
    expect((await clientRow(id)).organizationId).toBe(fabrikam);

    const [entra] = await db
      .insert(clients)
      .values({ organizationId: contoso, displayName: "Erin Entra", source: "azure", entraObjectId: "e-1" })
      .returning();
    const refused = await refusal(editClient(technician, entra.id, { moveToOrganizationId: fabrikam }));
    expect(refused).toBeInstanceOf(ActionRefused);
    expect((refused as Error).message).toBe(
      "Erin Entra belongs to the organization of the Microsoft Entra tenant it comes from.",
    );
    expect((await clientRow(entra.id)).organizationId).toBe(contoso);
  });
});
