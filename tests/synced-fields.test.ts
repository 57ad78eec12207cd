import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clients, devices } from "@/db/schema";
import {
  DEVICE_SELECT,
  USER_SELECT,
  graphDeviceChangeSchema,
  graphDeviceSchema,
  graphUserSchema,
} from "@/lib/azure/graph-shapes";
import { clientColumns, clientFieldsFrom, deviceColumns, deviceFieldsFrom } from "@/lib/sync/record-fields";
import { deviceFields, deviceOwnerColumns, userFields } from "@/lib/synced-fields";

const fullUser = {
  id: "u1",
  displayName: "Ana Lima",
  givenName: "Ana",
  surname: "Lima",
  mail: "ana@contoso.example",
  userPrincipalName: "ana@contoso.example",
  userType: "Member",
  accountEnabled: true,
  jobTitle: "Nurse",
  department: "Care",
  companyName: "Contoso",
  officeLocation: "B2",
  mobilePhone: "+1 555 0100",
  businessPhones: ["+1 555 0101"],
  externalUserState: null,
  assignedLicenses: [{ skuId: "05e9a617-0261-4cee-bb44-138d3ef5d965", disabledPlans: [] }],
};

describe("the synced fields, declared once per kind", () => {
  it("asks Graph for every declared property, and writes only columns the tables have", () => {
    expect(USER_SELECT).toEqual(["id", ...Object.keys(userFields.graph)]);
    expect(DEVICE_SELECT).toEqual(["id", ...Object.keys(deviceFields.graph)]);
    expect(DEVICE_SELECT).toContain("approximateLastSignInDateTime");
    for (const column of clientColumns) expect(getTableColumns(clients)).toHaveProperty(column);
    for (const column of [...deviceColumns, ...deviceOwnerColumns])
      expect(getTableColumns(devices)).toHaveProperty(column);
    // A property listed only (not stored) is in $select but not written; a computed column is written.
    expect(USER_SELECT).toContain("externalUserState");
    expect(clientColumns).not.toContain("externalUserState");
    expect(clientColumns).toContain("isExternal");
    expect(deviceColumns).toEqual(expect.arrayContaining(["lastSignInAt", "registeredAt"]));
    // A converted property: Graph's licence list is stored as whether there is one.
    expect(USER_SELECT).toContain("assignedLicenses");
    expect(clientColumns).toContain("licensed");
  });

  it("accepts a full Graph object and refuses a property of the wrong type", () => {
    expect(graphUserSchema.parse(fullUser)).toEqual(fullUser);
    expect(graphUserSchema.safeParse({ ...fullUser, accountEnabled: "yes" }).success).toBe(false);
    expect(graphUserSchema.safeParse({ ...fullUser, businessPhones: "+1 555 0101" }).success).toBe(false);
    expect(graphDeviceSchema.safeParse({ id: "d1", isManaged: "true" }).success).toBe(false);
    // A delta change leaves out what did not change; a listing reads a missing property as null.
    expect(graphDeviceChangeSchema.parse({ id: "d1", model: "X1" })).toEqual({ id: "d1", model: "X1" });
    expect(graphDeviceSchema.parse({ id: "d1" })).toMatchObject({ id: "d1", model: null, isManaged: null });
  });

  it("turns a Graph user into its row: computed and defaulted columns, the name falling back to the principal name", () => {
    const guest = {
      id: "g1",
      displayName: null,
      userPrincipalName: "bo_fabrikam.example#EXT#@contoso.example",
      accountEnabled: null,
    };
    expect(clientFieldsFrom(guest)).toMatchObject({
      displayName: "bo_fabrikam.example#EXT#@contoso.example",
      isExternal: true,
      accountEnabled: true,
      businessPhones: [],
      mail: null,
    });
    expect(Object.keys(clientFieldsFrom(fullUser)!).sort()).toEqual([...clientColumns].sort());
  });

  it("keeps what a delta change leaves out, and converts Graph's dates", () => {
    const kept = { displayName: "LAPTOP-1", lastSignInAt: new Date("2026-01-01T00:00:00Z"), model: "X1" };
    const fields = deviceFieldsFrom({ id: "d1", registrationDateTime: "2025-05-31T08:00:00Z" }, kept);
    expect(fields).toMatchObject({
      ...kept,
      registeredAt: new Date("2025-05-31T08:00:00Z"),
      accountEnabled: true,
      isManaged: null,
    });
    expect(deviceFieldsFrom({ id: "d2", model: "X1" })).toBeNull();
  });
});
