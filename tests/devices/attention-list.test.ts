import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices, entraConnections } from "@/db/schema";
import { recomputeDeviceAttention } from "@/lib/devices/attention-radar";
import { deviceAttention } from "@/lib/devices/attention-details";
import { attentionThresholdsForm, saveAttentionThresholds } from "@/lib/devices/attention-thresholds";
import { listDevices } from "@/lib/devices/queries";
import { devicesCsv } from "@/lib/devices/export-csv";
import { deviceListQuery } from "@/lib/devices/list-query";
import { organizationsOverview } from "@/lib/organization-overview/overview";
import { parseCsv } from "@/lib/lists/csv";
import { ActionRefused } from "@/lib/auth/action-refused";
import type { Actor } from "@/lib/auth/authorize";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";

// Where a technician meets the radar: the list's filter and column, a device's page, the CSV and the overview.

const daysBefore = (days: number) => new Date(Date.now() - days * 86_400_000);
let technician: Actor;
let admin: Actor;
let contoso: string;

beforeAll(async () => {
  await resetDatabase();
  technician = await createActor("technician");
  admin = await createActor("superuser");
  contoso = await organizationId();
  const [connection] = await db
    .insert(entraConnections)
    .values({ organizationId: contoso, name: "Contoso", intuneReadable: true })
    .returning();
  const [gone] = await db
    .insert(clients)
    .values({ organizationId: contoso, displayName: "Grace Gone", source: "azure", status: "disabled" })
    .returning();
  const device = (displayName: string, fields: Partial<typeof devices.$inferInsert>) => ({
    organizationId: contoso,
    connectionId: connection.id,
    entraObjectId: crypto.randomUUID(),
    displayName,
    operatingSystem: "Windows",
    trustType: "Workplace",
    lastSignInAt: daysBefore(2),
    source: "azure" as const,
    ...fields,
  });
  await db
    .insert(devices)
    .values([
      device("Alpha old laptop", { lastSignInAt: daysBefore(132), ownerClientId: gone.id }),
      device("Bravo in order", {}),
      device("Charlie twin", { serialNumber: "SN-42", intuneDeviceId: "i-1", isEncrypted: false }),
      device("Delta twin", { serialNumber: "sn-42", intuneDeviceId: "i-2" }),
      device("Echo joined", { trustType: "AzureAd" }),
    ]);
  const fabrikam = await organizationId("Fabrikam");
  await db.insert(devices).values({
    ...device("Foxtrot elsewhere", { lastSignInAt: daysBefore(400) }),
    organizationId: fabrikam,
    connectionId: null,
  });
  await recomputeDeviceAttention(db, contoso);
  await recomputeDeviceAttention(db, fabrikam);
});
afterAll(closeDatabase);

const names = async (input: Record<string, unknown>) =>
  (await listDevices(technician, deviceListQuery.parse(input))).rows.map((row) => row.displayName);

const byName = async (name: string) => (await db.select().from(devices).where(eq(devices.displayName, name)))[0];

describe("devices that need attention", () => {
  it("the list's filter finds every device with a reason, or those with one reason; anything else is ignored", async () => {
    expect(await names({ attention: "any" })).toEqual([
      "Alpha old laptop",
      "Charlie twin",
      "Delta twin",
      "Echo joined",
      "Foxtrot elsewhere",
    ]);
    expect(await names({ attention: "same_serial" })).toEqual(["Charlie twin", "Delta twin"]);
    expect(await names({ attention: "owner_gone" })).toEqual(["Alpha old laptop"]);
    expect(await names({ attention: "not_managed" })).toEqual(["Echo joined"]);
    expect(await names({ attention: "any", organization: contoso })).not.toContain("Foxtrot elsewhere");
    expect(await names({ attention: "nonsense" })).toHaveLength(6);
  });

  it("each row carries its reasons for the column", async () => {
    const { rows } = await listDevices(technician, deviceListQuery.parse({ q: "twin" }));
    expect(rows.map((row) => row.attentionReasons)).toEqual([["not_encrypted", "same_serial"], ["same_serial"]]);
  });

  it("a device's page says why, with the figures", async () => {
    const now = new Date();
    expect(await deviceAttention(technician, await byName("Alpha old laptop"), now)).toEqual([
      { reason: "stale", label: "Stale", sentences: ["No sign-in for 132 days (the limit is 90)."] },
      { reason: "owner_gone", label: "Owner gone", sentences: ["Its owner, Grace Gone, is disabled."] },
    ]);
    expect(await deviceAttention(technician, await byName("Charlie twin"), now)).toEqual([
      {
        reason: "not_encrypted",
        label: "Not encrypted",
        sentences: ["Intune reports that its disk is not encrypted."],
      },
      { reason: "same_serial", label: "Same serial twice", sentences: ["Serial number SN-42 is also on Delta twin."] },
    ]);
    expect(await deviceAttention(technician, await byName("Echo joined"), now)).toEqual([
      {
        reason: "not_managed",
        label: "Not managed",
        sentences: ["A company Windows device (joined to Entra) that Intune does not manage."],
      },
    ]);
    expect(await deviceAttention(technician, await byName("Bravo in order"), now)).toEqual([]);
  });

  it("the CSV export carries each device's reasons in the list's words", async () => {
    let text = "";
    for await (const chunk of devicesCsv(
      technician,
      deviceListQuery.parse({ attention: "any", organization: contoso }),
    ))
      text += chunk;
    const parsed = parseCsv(text);
    if ("problem" in parsed) throw new Error(parsed.problem);
    const [headers, ...rows] = parsed.records.map((record) => record.cells);
    const column = headers.indexOf("Needs attention");
    expect(rows.map((cells) => [cells[0], cells[column]])).toEqual([
      ["Alpha old laptop", "Stale; Owner gone"],
      ["Charlie twin", "Not encrypted; Same serial twice"],
      ["Delta twin", "Same serial twice"],
      ["Echo joined", "Not managed"],
    ]);
  });

  it("the organizations overview counts each organization's devices that need attention", async () => {
    const rows = await organizationsOverview(admin);
    const counts = rows.map((row) => [row.name, row.devices, row.devicesNeedingAttention]);
    expect(counts.sort()).toEqual([
      ["Fabrikam", 1, 1],
      ["My organization", 5, 4],
    ]);
  });

  it("only a superuser changes the thresholds, and only to whole days from 1 to 3650", async () => {
    const form = { organizationId: contoso, staleSignInDays: 200, staleCheckInDays: 30 };
    await expect(saveAttentionThresholds(technician, form)).rejects.toThrow(ActionRefused);
    const refused = attentionThresholdsForm.safeParse({
      organizationId: contoso,
      staleSignInDays: "0",
      staleCheckInDays: "2.5",
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      "Enter at least 1 day without a sign-in.",
      "Enter a whole number of days without an Intune check-in.",
    ]);
    expect(await saveAttentionThresholds(admin, form)).toBe("Changes saved. 4 devices need attention.");
    expect((await byName("Alpha old laptop")).attentionReasons).toEqual(["owner_gone"]);
    await saveAttentionThresholds(admin, { ...form, staleSignInDays: 90 });
    expect((await byName("Alpha old laptop")).attentionReasons).toEqual(["stale", "owner_gone"]);
  });
});
