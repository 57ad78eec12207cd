// A sync of one organization never reads, changes or removes another organization's rows: for each kind of
// change in Contoso's tenant, Contoso's sync brings it in and leaves every Fabrikam row exactly as it was.
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices, entraConnections, syncRuns } from "@/db/schema";
import { syncConnection, useTwoOrganizations, type ConnectedOrganization } from "./two-organizations";

const world = useTwoOrganizations();

/** Every row an organization has, whole: its clients, devices, connection and run history. */
async function everythingOf(organization: ConnectedOrganization) {
  return {
    clients: await db
      .select()
      .from(clients)
      .where(eq(clients.organizationId, organization.organizationId))
      .orderBy(asc(clients.id)),
    devices: await db
      .select()
      .from(devices)
      .where(eq(devices.organizationId, organization.organizationId))
      .orderBy(asc(devices.id)),
    connection: await db.select().from(entraConnections).where(eq(entraConnections.id, organization.connection.id)),
    runs: await db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.connectionId, organization.connection.id))
      .orderBy(asc(syncRuns.id)),
  };
}

const clientOf = async (organization: ConnectedOrganization, entraObjectId: string) =>
  (await db.select().from(clients).where(eq(clients.connectionId, organization.connection.id))).find(
    (row) => row.entraObjectId === entraObjectId,
  );

/** The Entra object id of one of Contoso's synced (active) clients, picked by its place in name order. */
async function aSyncedContosoUser(place: number) {
  const rows = await db
    .select()
    .from(clients)
    .where(eq(clients.connectionId, world.contoso.connection.id))
    .orderBy(asc(clients.displayName));
  return rows.filter((row) => row.status === "active")[place].entraObjectId!;
}

/** Contoso's clients and devices after a sync of Contoso, with Fabrikam's rows unchanged by it. */
async function syncContosoLeavingFabrikamAlone() {
  const before = await everythingOf(world.fabrikam);
  expect(before.clients.length).toBeGreaterThan(0);
  expect(before.devices.length).toBeGreaterThan(0);
  await syncConnection(world.contoso.connection.id, "users");
  await syncConnection(world.contoso.connection.id, "devices");
  expect(await everythingOf(world.fabrikam)).toEqual(before);
}

const contosoTenant = () => ({ tenantId: world.contoso.tenantId });

/** A member (not a guest) new in Contoso's tenant. */
const newContosoMember = (displayName: string, mail?: string) => {
  const handle = displayName.toLowerCase().replace(/\W+/g, ".");
  return world.fake.control.addUser({
    ...contosoTenant(),
    displayName,
    mail: mail ?? `${handle}@contoso.example`,
    userPrincipalName: `${handle}@contoso.onmicrosoft.com`,
    userType: "Member",
    accountEnabled: true,
  });
};

describe("a sync of one organization leaves every other organization's rows as they were", () => {
  it("each organization's clients and devices are its tenant's, and only its tenant's", async () => {
    for (const organization of [world.contoso, world.fabrikam]) {
      const tenant = world.fake.tenant(organization.tenantId);
      const rows = await db.select().from(clients).where(eq(clients.organizationId, organization.organizationId));
      expect(rows.every((row) => row.connectionId === organization.connection.id)).toBe(true);
      const synced = new Set(rows.map((row) => row.entraObjectId));
      expect(synced.size).toBeGreaterThan(0);
      for (const id of synced) expect(tenant.users.find(id!), `${id} in ${organization.tenantId}`).toBeTruthy();
      const ownDevices = await db.select().from(devices).where(eq(devices.organizationId, organization.organizationId));
      expect(ownDevices).toHaveLength(tenant.devices.end);
    }
  });

  it("a user created in Contoso's tenant arrives in Contoso only", async () => {
    const user = newContosoMember("Cora Created");
    await syncContosoLeavingFabrikamAlone();
    expect(await clientOf(world.contoso, user.id)).toMatchObject({
      displayName: "Cora Created",
      organizationId: world.contoso.organizationId,
      status: "active",
    });
  });

  it("an update in Contoso's tenant changes Contoso's client only", async () => {
    const id = await aSyncedContosoUser(3);
    world.fake.control.updateUser({ ...contosoTenant(), id, changes: { jobTitle: "Head of Isolation" } });
    await syncContosoLeavingFabrikamAlone();
    expect((await clientOf(world.contoso, id))?.jobTitle).toBe("Head of Isolation");
  });

  it("a user disabled in Contoso's tenant is disabled in Contoso only", async () => {
    const user = newContosoMember("Dana Disabled");
    await syncConnection(world.contoso.connection.id, "users");
    world.fake.control.disableUser({ ...contosoTenant(), id: user.id });
    await syncContosoLeavingFabrikamAlone();
    expect((await clientOf(world.contoso, user.id))?.status).toBe("disabled");
  });

  it("a user deleted in Contoso's tenant is removed in Contoso only", async () => {
    const user = newContosoMember("Rey Removed");
    await syncConnection(world.contoso.connection.id, "users");
    world.fake.control.hardDeleteUser({ ...contosoTenant(), id: user.id });
    await syncContosoLeavingFabrikamAlone();
    expect((await clientOf(world.contoso, user.id))?.status).toBe("removed");
  });

  it("a full listing of Contoso removes what Contoso's tenant no longer has, never another organization's rows", async () => {
    const user = newContosoMember("Finn Full");
    await syncConnection(world.contoso.connection.id, "users");
    world.fake.control.hardDeleteUser({ ...contosoTenant(), id: user.id });
    const before = await everythingOf(world.fabrikam);
    await syncConnection(world.contoso.connection.id, "users", { full: true });
    await syncConnection(world.contoso.connection.id, "devices", { full: true });
    expect(await everythingOf(world.fabrikam)).toEqual(before);
    expect((await clientOf(world.contoso, user.id))?.status).toBe("removed");
  });

  it("a new Contoso user takes over only a Contoso client added by hand with its address, never Fabrikam's", async () => {
    const shared = "pat.both@contoso.example";
    const onlyFabrikam = "quinn.elsewhere@contoso.example";
    const handMade = (organization: ConnectedOrganization, displayName: string, mail: string) =>
      db
        .insert(clients)
        .values({ organizationId: organization.organizationId, displayName, mail, source: "manual" })
        .returning()
        .then(([row]) => row);
    const contosoPat = await handMade(world.contoso, "Pat (by hand, Contoso)", shared);
    await handMade(world.fabrikam, "Pat (by hand, Fabrikam)", shared);
    await handMade(world.fabrikam, "Quinn (by hand, Fabrikam)", onlyFabrikam);
    const pat = newContosoMember("Pat Both", shared);
    const quinn = newContosoMember("Quinn Elsewhere", onlyFabrikam);

    await syncContosoLeavingFabrikamAlone();

    expect(await clientOf(world.contoso, pat.id)).toMatchObject({
      id: contosoPat.id,
      source: "azure",
      displayName: "Pat Both",
    });
    const newQuinn = await clientOf(world.contoso, quinn.id);
    expect(newQuinn).toMatchObject({
      source: "azure",
      displayName: "Quinn Elsewhere",
      organizationId: world.contoso.organizationId,
    });
  });

  it("a Contoso device's owner is linked among Contoso's clients, even when a Fabrikam client carries the same Entra object id", async () => {
    const ownerId = await aSyncedContosoUser(1);
    // A copy of the owner's object id in the other organization (ids are unique per tenant, not across them).
    const [decoy] = await db
      .select()
      .from(clients)
      .where(eq(clients.organizationId, world.fabrikam.organizationId))
      .limit(1);
    await db.update(clients).set({ entraObjectId: ownerId }).where(eq(clients.id, decoy.id));
    const device = world.fake.control.addDevice({
      ...contosoTenant(),
      displayName: "LINKED-LAPTOP",
      accountEnabled: true,
    });
    world.fake.control.setDeviceOwners({ ...contosoTenant(), deviceId: device.id, ownerIds: [ownerId] });

    await syncContosoLeavingFabrikamAlone();

    const [linked] = await db.select().from(devices).where(eq(devices.entraObjectId, device.id));
    expect(linked).toMatchObject({
      organizationId: world.contoso.organizationId,
      ownerClientId: (await clientOf(world.contoso, ownerId))!.id,
    });
  });

  it("a device deleted in Contoso's tenant is removed in Contoso only", async () => {
    const id = world.fake.control.deviceIdAt({ ...contosoTenant(), index: 2 });
    world.fake.control.hardDeleteDevice({ ...contosoTenant(), id });
    await syncContosoLeavingFabrikamAlone();
    const [removed] = await db.select().from(devices).where(eq(devices.entraObjectId, id));
    expect(removed).toMatchObject({ organizationId: world.contoso.organizationId, status: "removed" });
  });
});
