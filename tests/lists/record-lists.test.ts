import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices, portalAccounts, portalInvitations } from "@/db/schema";
import { hiddenRemovedClients, listClients } from "@/lib/clients/queries";
import { hiddenRemovedDevices, listDevices } from "@/lib/devices/queries";
import { clientListQuery } from "@/lib/clients/list-query";
import { deviceListQuery } from "@/lib/devices/list-query";
import { clientsCsv } from "@/lib/clients/export-csv";
import { devicesCsv } from "@/lib/devices/export-csv";
import { resendInvitations, revokePortalAccesses } from "@/lib/portal/bulk-commands";
import { parseCsv } from "@/lib/lists/csv";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import { useInngestEventApi } from "../support/inngest-event-api";
import type { Actor } from "@/lib/auth/authorize";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { initialFormState } from "@/lib/actions/form-state";
import { selectedIdsField } from "@/lib/lists/selection";

const sentEvents = useInngestEventApi();
let technician: Actor;
let admin: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await resetDatabase();
  technician = await createActor("technician");
  admin = await createActor("superuser");
  const organization = await organizationId();
  const people = [
    ["Alma Active", "alma@contoso.example", "active", "2026-01-03"],
    ["Bruno Busy", "bruno@contoso.example", "active", "2026-01-01"],
    ["Cleo Disabled", "cleo@contoso.example", "disabled", "2026-01-04"],
    ["Dora Departed", "dora@contoso.example", "removed", "2026-01-02"],
    ["Noor No-mail", null, "active", "2026-01-05"],
  ] as const;
  const rows = await db
    .insert(clients)
    .values(
      people.map(([displayName, mail, status, updated]) => ({
        organizationId: organization,
        displayName,
        mail,
        status,
        source: "manual" as const,
        updatedAt: new Date(updated),
      })),
    )
    .returning({ id: clients.id, name: clients.displayName });
  for (const row of rows) ids[row.name] = row.id;
  const device = (displayName: string, owner: string | null, status: "active" | "removed", signIn: string | null) => ({
    organizationId: organization,
    displayName,
    ownerClientId: owner ? ids[owner] : null,
    status,
    source: "azure" as const,
    lastSignInAt: signIn ? new Date(signIn) : null,
  });
  const made = await db
    .insert(devices)
    .values([
      device("LAPTOP-0042", "Alma Active", "active", "2026-02-01"),
      device("PHONE-0007", "Bruno Busy", "active", "2026-02-03"),
      device("TABLET-0100", null, "active", null),
      device("OLD-PC-0001", "Alma Active", "removed", "2025-01-01"),
    ])
    .returning({ id: devices.id, name: devices.displayName });
  for (const row of made) ids[row.name] = row.id;
});
afterAll(closeDatabase);

const clientNames = async (input: Record<string, unknown>) =>
  (await listClients(technician, clientListQuery.parse(input))).rows.map((row) => row.displayName);
const deviceNames = async (input: Record<string, unknown>) =>
  (await listDevices(technician, deviceListQuery.parse(input))).rows.map((row) => row.displayName);

describe("sorting a list by a column heading", () => {
  it("sorts clients by name either way, and by last update newest first unless asked otherwise", async () => {
    const shown = ["Alma Active", "Bruno Busy", "Cleo Disabled", "Noor No-mail"];
    expect(await clientNames({ sort: "name" })).toEqual(shown);
    expect(await clientNames({ sort: "name", dir: "desc" })).toEqual([...shown].reverse());
    expect(await clientNames({ sort: "updated" })).toEqual([
      "Noor No-mail",
      "Cleo Disabled",
      "Alma Active",
      "Bruno Busy",
    ]);
    expect(await clientNames({ sort: "updated", dir: "asc" })).toEqual([
      "Bruno Busy",
      "Alma Active",
      "Cleo Disabled",
      "Noor No-mail",
    ]);
  });

  it("sorts the same way under a search that collects its matches first", async () => {
    expect(await clientNames({ q: "contoso", sort: "name", dir: "desc" })).toEqual([
      "Cleo Disabled",
      "Bruno Busy",
      "Alma Active",
    ]);
  });

  it("sorts devices by last sign-in either way, those that never signed in last", async () => {
    expect(await deviceNames({ sort: "signin" })).toEqual(["PHONE-0007", "LAPTOP-0042", "TABLET-0100"]);
    expect(await deviceNames({ sort: "signin", dir: "asc" })).toEqual(["LAPTOP-0042", "PHONE-0007", "TABLET-0100"]);
  });

  it("takes an unknown direction for the column's own", async () => {
    expect(await clientNames({ sort: "name", dir: "sideways" })).toEqual(await clientNames({}));
  });
});

describe("removed records", () => {
  it("are left out by default, counted apart, and shown with status any or removed", async () => {
    const defaultView = await listClients(technician, clientListQuery.parse({}));
    expect(defaultView.total).toEqual({ count: 4, precision: "exact" });
    expect(defaultView.rows.map((row) => row.displayName)).not.toContain("Dora Departed");
    expect(await hiddenRemovedClients(technician, clientListQuery.parse({}))).toEqual({ count: 1, precision: "exact" });
    expect(await clientNames({ status: "any" })).toContain("Dora Departed");
    expect(await clientNames({ status: "removed" })).toEqual(["Dora Departed"]);
    expect(await hiddenRemovedClients(technician, clientListQuery.parse({ status: "any" }))).toBeNull();
  });

  it("are counted under the other filters: a search that finds none says none are hidden", async () => {
    expect(await hiddenRemovedClients(technician, clientListQuery.parse({ q: "dora" }))).toEqual({
      count: 1,
      precision: "exact",
    });
    expect(await hiddenRemovedClients(technician, clientListQuery.parse({ q: "alma" }))).toEqual({
      count: 0,
      precision: "exact",
    });
    expect(await hiddenRemovedDevices(technician, deviceListQuery.parse({}))).toEqual({ count: 1, precision: "exact" });
    expect((await listDevices(technician, deviceListQuery.parse({}))).total).toEqual({ count: 3, precision: "exact" });
  });
});

describe("searching devices", () => {
  it("finds a device by its owner's name or mail, as well as by its own name", async () => {
    expect(await deviceNames({ q: "alma" })).toEqual(["LAPTOP-0042"]);
    expect(await deviceNames({ q: "bruno@contoso" })).toEqual(["PHONE-0007"]);
    expect(await deviceNames({ q: "al" })).toEqual(["LAPTOP-0042"]);
    expect(await deviceNames({ q: "tablet" })).toEqual(["TABLET-0100"]);
    expect(await deviceNames({ q: "alma", status: "any" })).toEqual(["LAPTOP-0042", "OLD-PC-0001"]);
  });
});

describe("exporting the ticked rows", () => {
  it("exports only the ticked clients and devices, whatever the filters", async () => {
    let csv = "";
    for await (const chunk of clientsCsv(technician, clientListQuery.parse({}), [
      ids["Bruno Busy"],
      ids["Dora Departed"],
    ]))
      csv += chunk;
    const parsed = parseCsv(csv);
    if ("problem" in parsed) throw new Error(parsed.problem);
    expect(parsed.records.slice(1).map((record) => record.cells[0])).toEqual(["Bruno Busy", "Dora Departed"]);

    let deviceCsv = "";
    for await (const chunk of devicesCsv(technician, deviceListQuery.parse({}), [ids["PHONE-0007"]]))
      deviceCsv += chunk;
    expect(deviceCsv.trim().split("\r\n")).toHaveLength(2);
    expect(deviceCsv).toContain("PHONE-0007");
  });
});

describe("bulk portal commands", () => {
  it("invite every ticked client that can be invited, and say why the others were not", async () => {
    const outcome = await resendInvitations(admin, [
      ids["Alma Active"],
      ids["Bruno Busy"],
      ids["Cleo Disabled"],
      ids["Noor No-mail"],
    ]);
    expect(outcome.done).toBe(2);
    expect(outcome.refusals).toEqual([
      "Cleo Disabled is disabled: only active clients can use the portal.",
      "Noor No-mail has no email address in Entra, so no invitation can be sent.",
    ]);
    const invited = await db.select({ clientId: portalInvitations.clientId }).from(portalInvitations);
    expect(invited.map((row) => row.clientId).sort()).toEqual([ids["Alma Active"], ids["Bruno Busy"]].sort());
    expect(sentEvents.filter((event) => event.name === "portal/invitations.requested")).toHaveLength(2);
  });

  it("revoke the access of every ticked client that had any", async () => {
    const outcome = await revokePortalAccesses(admin, [ids["Alma Active"], ids["Cleo Disabled"]]);
    expect(outcome).toEqual({ done: 1, refusals: ["This client has never been invited to the portal."] });
    const [alma] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, ids["Alma Active"]));
    expect(alma.status).toBe("revoked");
  });

  it("refuse an empty selection and a technician", async () => {
    await expect(resendInvitations(admin, [])).rejects.toThrow("Tick at least one client first.");
    await expect(resendInvitations(technician, [ids["Alma Active"]])).rejects.toThrow("Only a superuser can do this.");
    await expect(revokePortalAccesses(technician, [ids["Bruno Busy"]])).rejects.toThrow(
      "Only a superuser can do this.",
    );
  });
});

describe("a form of ticked rows", () => {
  it("reaches its action with every ticked id, and none as an empty selection", async () => {
    const echo = formAction("anyone", z.object({ id: selectedIdsField }), async ({ id }) => id.join(" "));
    const ticked = new FormData();
    ticked.append("id", ids["Alma Active"]);
    ticked.append("id", ids["Bruno Busy"]);
    expect(await echo(initialFormState, ticked)).toMatchObject({
      status: "ok",
      message: `${ids["Alma Active"]} ${ids["Bruno Busy"]}`,
    });
    expect(await echo(initialFormState, new FormData())).toMatchObject({ status: "ok", message: "" });
    const forged = new FormData();
    forged.append("id", "1 OR 1=1");
    expect(await echo(initialFormState, forged)).toMatchObject({ status: "error" });
  });
});
