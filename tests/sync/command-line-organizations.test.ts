// `npm run sync` for an IT provider with several organizations: it names the one it syncs, refuses what it cannot
// tell apart or does not know (exit 2), syncs every enabled one with --all, and previews without writing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices, entraConnections, organizations, syncRuns } from "@/db/schema";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { isExternalUser } from "@/lib/synced-fields";
import { CONTOSO, FABRIKAM } from "@/tests/fake-entra/default-tenants";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import { startFakeEntra, type FakeEntra } from "@/tests/fake-entra/server";
import { assertFakeCertificateTrusted } from "@/tests/azure/fake-tenant-harness";
import { resetDatabase } from "../support/database";
import { connectOrganization, organizationId } from "../support/organizations";
import { listedUsers } from "./sync-harness";
import { runSyncProcess, startSyncProcess } from "./command-line-process";

let fake: FakeEntra;
let tailspinTenant: CustomerTenant;
const ids = {} as Record<"contoso" | "fabrikam" | "tailspin" | "woodgrove", string>;

beforeAll(async () => {
  assertFakeCertificateTrusted();
  fake = await startFakeEntra({ users: 40, devices: 20, deltaPageSize: 500, listingPageSize: 500 });
  process.env.AZURE_AUTHORITY_HOST = fake.url;
  process.env.GRAPH_BASE_URL = fake.url;
  [tailspinTenant] = fake.control.addTenants({ count: 1, users: 12, devices: 4, seed: "command-line" });
});

// Contoso and Fabrikam (fabrikam.example) connected by their own apps; Tailspin Toys whose saved secret Entra
// refuses; Woodgrove Bank connected by the provider's app and waiting for its administrator's consent.
beforeEach(async () => {
  await resetDatabase();
  fake.control.clearFaults();
  ids.contoso = (await connectOrganization("Contoso", CONTOSO)).organizationId;
  ids.fabrikam = await organizationId("Fabrikam", "fabrikam.example");
  await connectOrganization("Fabrikam", FABRIKAM);
  const wrongSecret = {
    tenantId: tailspinTenant.tenantId,
    goodApp: { clientId: tailspinTenant.app.clientId, secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" },
  };
  ids.tailspin = (await connectOrganization("Tailspin Toys", wrongSecret)).organizationId;
  ids.woodgrove = await organizationId("Woodgrove Bank");
  await db
    .insert(entraConnections)
    .values({ organizationId: ids.woodgrove, name: "Woodgrove Bank", method: "provider_app" });
});

afterAll(async () => {
  forgetCachedTokenClients();
  await fake?.close();
  await closeDatabase();
});

const clientsOf = (id: string) => db.$count(clients, eq(clients.organizationId, id));
const runsOf = async (id: string) => {
  const rows = await db
    .select({ run: syncRuns })
    .from(syncRuns)
    .innerJoin(entraConnections, eq(entraConnections.id, syncRuns.connectionId));
  const [connection] = await db.select().from(entraConnections).where(eq(entraConnections.organizationId, id));
  return rows.map((row) => row.run).filter((run) => run.connectionId === connection.id);
};
const contosoMembers = async () =>
  (await listedUsers(fake)).filter((u) => !isExternalUser(u.userType, u.userPrincipalName));

describe("npm run sync with several organizations", () => {
  it("names none: refused with the list of organizations and exit code 2, and nothing is synced", async () => {
    const { code, out, err } = await runSyncProcess("users");
    expect(code).toBe(2);
    expect(err).toContain(
      "There are 4 organizations: name one with --organization NAME|DOMAIN|ID, or sync every enabled one with --all.",
    );
    expect(err).toMatch(/^ {2}Contoso: Enabled; last users sync: never; last devices sync: never; id [0-9a-f-]{36}$/m);
    expect(err).toMatch(/^ {2}Woodgrove Bank: Waiting for consent;/m);
    expect(out).not.toContain("Syncing");
    expect(await db.$count(syncRuns)).toBe(0);
  });

  it("--organization by name, primary domain or id syncs exactly that organization, each line naming it", async () => {
    const byDomain = await runSyncProcess("users", "--organization", "FABRIKAM.example");
    expect(byDomain.code).toBe(0);
    expect(byDomain.out).toMatch(/^Fabrikam: Syncing users… run [0-9a-f-]{36}$/m);
    expect(byDomain.out).toMatch(/^Fabrikam: Done in [0-9.]+ s: \d+ created/m);
    expect(await clientsOf(ids.fabrikam)).toBeGreaterThan(0);
    expect(await clientsOf(ids.contoso)).toBe(0);

    const byName = await runSyncProcess("users", "--organization=contoso");
    expect(byName.code).toBe(0);
    expect(await clientsOf(ids.contoso)).toBe((await contosoMembers()).length);

    const byId = await runSyncProcess("devices", "--full", "--organization", ids.contoso);
    expect(byId.code).toBe(0);
    expect(byId.out).toContain("Contoso: Syncing devices (full listing)…");
    expect(await db.$count(devices, eq(devices.organizationId, ids.contoso))).toBe(20);
    expect(await db.$count(devices, eq(devices.organizationId, ids.fabrikam))).toBe(0);
    expect((await runsOf(ids.tailspin)).length).toBe(0);
  });

  it("an organization waiting for consent is refused with exit code 1, saying it waits for consent", async () => {
    const { code, err } = await runSyncProcess("users", "--organization", "Woodgrove Bank");
    expect(code).toBe(1);
    expect(err).toContain("Woodgrove Bank: Sync failed: This organization is waiting for consent");
    expect(await db.$count(syncRuns)).toBe(0);
  });

  it("an unknown option, a missing value, an unknown organization or a wrong --concurrency is refused with exit code 2; --help exits 0", async () => {
    const cases = [
      { args: ["users", "--organization", "Northwind"], says: 'No organization is named "Northwind"', lists: true },
      { args: ["users", "--organisation", "Contoso"], says: "Unknown option --organisation." },
      { args: ["users", "--organization"], says: "--organization needs a value." },
      { args: ["users", "--organization", "--full"], says: "--organization needs a value." },
      { args: ["users", "Contoso"], says: 'Unexpected argument "Contoso".' },
      { args: ["devices", "--preview", "--organization", "Contoso"], says: "Only a users sync can be previewed." },
      { args: ["users", "--all", "--concurrency", "0"], says: "--concurrency takes a whole number from 1 to 3" },
      { args: ["users", "--all", "--organization", "Contoso"], says: "--organization and --all" },
      { args: ["--list", "users"], says: "--list takes nothing else." },
    ];
    const results = await Promise.all(cases.map((c) => runSyncProcess(...c.args)));
    results.forEach(({ code, err }, index) => {
      expect(code, cases[index].args.join(" ")).toBe(2);
      expect(err).toContain(cases[index].says);
      if (cases[index].lists) expect(err).toMatch(/^ {2}Tailspin Toys: Enabled;/m);
      else expect(err).toContain("Usage: npm run sync -- users|devices");
    });
    const help = await runSyncProcess("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("--organization X");
    expect(await db.$count(syncRuns)).toBe(0);
  });

  it("--all syncs every enabled organization: one that fails leaves the others synced, a line each and a summary, and the exit code is 1", async () => {
    const { code, out, err } = await runSyncProcess("users", "--all");
    expect(code).toBe(1);
    expect(out).toContain("Woodgrove Bank: left out: Waiting for consent");
    expect(out).toContain("Syncing users of 3 organizations, 2 at once…");
    expect(out).toMatch(/^Contoso: Done in [0-9.]+ s: \d+ created.* \(run [0-9a-f-]{36}\)$/m);
    expect(out).toMatch(/^Fabrikam: Done in [0-9.]+ s: \d+ created/m);
    expect(err).toMatch(/^Tailspin Toys: Sync failed: Microsoft Entra ID did not accept the Client secret/m);
    expect(out).toContain("Summary: users of 3 organizations: 2 succeeded, 1 failed (Tailspin Toys).");
    expect(out + err).not.toContain("thisIsNotTheRightSecretValue");

    expect(await clientsOf(ids.contoso)).toBe((await contosoMembers()).length);
    expect(await clientsOf(ids.fabrikam)).toBeGreaterThan(0);
    expect(await clientsOf(ids.tailspin)).toBe(0);
    expect((await runsOf(ids.tailspin)).map((run) => run.status)).toEqual(["failed"]);
    expect((await runsOf(ids.woodgrove)).length).toBe(0);

    // With Tailspin's Status Disabled, --all leaves it out and the others succeed, one organization at a time: exit code 0.
    await db.update(entraConnections).set({ enabled: false }).where(eq(entraConnections.organizationId, ids.tailspin));
    const again = await runSyncProcess("devices", "--all", "--concurrency", "1");
    expect(again.code).toBe(0);
    expect(again.out).toContain("Tailspin Toys: left out: Disabled");
    expect(again.out).toContain("Summary: devices of 2 organizations: 2 succeeded.");
  });

  it(
    "Ctrl-C during --all stops after the page being written: the run is cancelled, no other starts, and the exit code is 130",
    { timeout: 60_000 },
    async () => {
      await db
        .update(entraConnections)
        .set({ enabled: false })
        .where(eq(entraConnections.organizationId, ids.tailspin));
      fake.control.setLatency({ ms: 1500, target: "graph" });
      const sync = startSyncProcess("users", "--all", "--concurrency", "1");
      await expect
        .poll(async () => (await runsOf(ids.contoso)).map((run) => run.status), { timeout: 20_000 })
        .toEqual(["running"]);
      sync.signal("SIGINT");
      const { code, out } = await sync.done;
      expect(code).toBe(130);
      expect(await runsOf(ids.contoso)).toEqual([
        expect.objectContaining({ status: "cancelled", errorMessage: "Cancelled from the command line (Ctrl-C)." }),
      ]);
      expect(await runsOf(ids.fabrikam)).toEqual([]);
      expect(out).toMatch(/^Contoso: Cancelled after [0-9.]+ s/m);
      expect(out).toContain("Fabrikam: not started (stopped)");
      expect(out).toContain("Summary: users of 2 organizations: 1 cancelled (Contoso), 1 not started.");

      // The next --all starts at once.
      fake.control.clearFaults();
      expect((await runSyncProcess("users", "--all")).code).toBe(0);
    },
  );

  it("--preview prints what a users sync would do and writes nothing; the sync that follows does exactly that", async () => {
    expect((await runSyncProcess("users", "--organization", "Contoso")).code).toBe(0);
    const members = await contosoMembers();
    const [changed, disabled] = members.filter((u) => u.accountEnabled);
    fake.control.updateUser({ id: changed.id, changes: { displayName: "Renamed Person" } });
    fake.control.disableUser({ id: disabled.id });
    fake.control.addUser({
      displayName: "Pia Preview",
      userType: "Member",
      accountEnabled: true,
      userPrincipalName: "pia.preview@contoso.onmicrosoft.com",
    });

    const rowsBefore = await db.select().from(clients).orderBy(clients.id);
    const [connectionBefore] = await db
      .select()
      .from(entraConnections)
      .where(eq(entraConnections.organizationId, ids.contoso));
    const preview = await runSyncProcess("users", "--organization", "Contoso", "--preview");
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(/^Contoso: Previewing users… run [0-9a-f-]{36}$/m);
    expect(preview.out).toMatch(/^Contoso: Preview done in [0-9.]+ s: 1 created, 1 updated, 1 disabled/m);
    expect(preview.out).toMatch(/^Contoso: {3}1 would be created: Pia Preview$/m);
    expect(preview.out).toMatch(/^Contoso: {3}1 would be updated: Renamed Person$/m);
    expect(preview.out).toMatch(/^Contoso: {3}1 would be disabled: /m);
    expect(preview.out).toContain("Contoso:   Nothing was written");
    expect(await db.select().from(clients).orderBy(clients.id)).toEqual(rowsBefore);
    const [connectionAfter] = await db
      .select()
      .from(entraConnections)
      .where(eq(entraConnections.organizationId, ids.contoso));
    expect(connectionAfter.usersDeltaLink).toBe(connectionBefore.usersDeltaLink);

    expect((await runSyncProcess("users", "--organization", "Contoso")).code).toBe(0);
    const [sync, previewRun] = (await runsOf(ids.contoso)).sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime());
    expect(previewRun).toMatchObject({ preview: true, trigger: "command_line", status: "succeeded" });
    expect(sync).toMatchObject({ preview: false, status: "succeeded" });
    expect(sync.counts).toEqual(previewRun.counts);
    expect(sync.skippedReasons).toEqual(previewRun.skippedReasons);
    expect(
      await db.$count(clients, and(eq(clients.organizationId, ids.contoso), eq(clients.displayName, "Pia Preview"))),
    ).toBe(1);
  });

  it("--list prints each organization with its status and last syncs", async () => {
    expect((await runSyncProcess("users", "--organization", "Contoso")).code).toBe(0);
    const { code, out } = await runSyncProcess("--list");
    expect(code).toBe(0);
    const lines = out.trim().split("\n");
    expect(lines.map((line) => line.split(":")[0])).toEqual([
      "Contoso",
      "Fabrikam (fabrikam.example)",
      "Tailspin Toys",
      "Woodgrove Bank",
    ]);
    expect(lines[0]).toMatch(
      /^Contoso: Enabled; last users sync: succeeded at \d{4}-\d\d-\d\d \d\d:\d\d UTC; last devices sync: never; id [0-9a-f-]{36}$/,
    );
    expect(lines[0]).toContain(ids.contoso);
    expect(lines[3]).toMatch(/^Woodgrove Bank: Waiting for consent; last users sync: never/);
    const [organization] = await db.select().from(organizations).where(eq(organizations.id, ids.fabrikam));
    expect(organization.primaryDomain).toBe("fabrikam.example");
  });
});
