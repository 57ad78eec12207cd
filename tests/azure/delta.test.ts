import { beforeEach, describe, expect, it } from "vitest";
import type { GraphDeviceChange, GraphUserChange } from "@/lib/azure";
import { pagesOfDeviceChanges } from "@/lib/azure/devices";
import type { DeltaChange } from "@/lib/azure/graph-pages";
import { fetchUsersDeltaPage, pagesOfUserChanges } from "@/lib/azure/users";
import { graphSession, useFakeTenant } from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 300, devices: 80, seed: "delta", deltaPageSize: 50 });

type Round<T> = { changes: DeltaChange<T>[]; deltaLink: string | null; pages: number; fullResyncNeeded: boolean };

async function userRound(link: string | null): Promise<Round<GraphUserChange>> {
  const round: Round<GraphUserChange> = { changes: [], deltaLink: null, pages: 0, fullResyncNeeded: false };
  for await (const page of pagesOfUserChanges(graphSession(fake()), link)) {
    round.pages++;
    if (page.fullResyncNeeded) return { ...round, fullResyncNeeded: true };
    round.changes.push(...page.changes);
    round.deltaLink = page.deltaLink;
  }
  return round;
}

async function deviceRound(link: string | null): Promise<Round<GraphDeviceChange>> {
  const round: Round<GraphDeviceChange> = { changes: [], deltaLink: null, pages: 0, fullResyncNeeded: false };
  for await (const page of pagesOfDeviceChanges(graphSession(fake()), link)) {
    round.pages++;
    if (page.fullResyncNeeded) return { ...round, fullResyncNeeded: true };
    round.changes.push(...page.changes);
    round.deltaLink = page.deltaLink;
  }
  return round;
}

const changeFor = <T extends { id: string }>(round: Round<T>, id: string) =>
  round.changes.filter((c) => (c.type === "upsert" ? c.item.id : c.id) === id);

describe("delta queries", () => {
  let deltaLink: string;

  beforeEach(async () => {
    const first = await userRound(null);
    deltaLink = first.deltaLink!;
  });

  it("a first round lists every user, page after page, and ends with a delta link", async () => {
    const first = await userRound(null);
    expect(first.changes.filter((c) => c.type === "upsert")).toHaveLength(300);
    expect(first.pages).toBe(6);
    expect(first.deltaLink).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=/);
  });

  it("with nothing changed, the delta is empty and hands back a new delta link", async () => {
    const next = await userRound(deltaLink);
    expect(next.changes).toEqual([]);
    expect(next.deltaLink).toBeTruthy();
  });

  it("a delta after changes of every kind reports new, changed, disabled, soft-deleted, hard-deleted and restored users", async () => {
    const control = fake().control;
    const [changed, disabled, softDeleted, hardDeleted, restored] = [10, 11, 12, 13, 14].map((index) =>
      control.userIdAt({ index }),
    );
    const created = control.addUser({ displayName: "Zoë Nouvelle", userType: "Member", accountEnabled: true });
    control.updateUser({ id: changed, changes: { jobTitle: "Chief Zoë Officer", department: "Operations" } });
    control.disableUser({ id: disabled });
    control.softDeleteUser({ id: softDeleted });
    control.hardDeleteUser({ id: hardDeleted });
    control.softDeleteUser({ id: restored });
    control.restoreUser({ id: restored });

    const round = await userRound(deltaLink);

    expect(changeFor(round, created.id)).toEqual([
      {
        type: "upsert",
        item: expect.objectContaining({
          displayName: "Zoë Nouvelle",
          userPrincipalName: created.userPrincipalName,
          accountEnabled: true,
        }),
      },
    ]);
    const [update] = changeFor(round, changed);
    expect(update).toMatchObject({
      type: "upsert",
      item: { id: changed, jobTitle: "Chief Zoë Officer", department: "Operations" },
    });
    // A changed user carries at least the properties that changed; a missing one means "unchanged".
    expect(update.type === "upsert" && "displayName" in update.item).toBe(false);
    expect(changeFor(round, disabled)).toEqual([{ type: "upsert", item: { id: disabled, accountEnabled: false } }]);
    expect(changeFor(round, softDeleted)).toEqual([{ type: "removed", id: softDeleted, reason: "changed" }]);
    expect(changeFor(round, hardDeleted)).toEqual([{ type: "removed", id: hardDeleted, reason: "deleted" }]);
    expect(changeFor(round, restored)).toEqual([
      { type: "upsert", item: expect.objectContaining({ id: restored, displayName: expect.any(String) }) },
    ]);
    expect(round.changes).toHaveLength(6);

    const after = await userRound(round.deltaLink);
    expect(after.changes).toEqual([]);
  });

  it("a new guest arrives in the delta with userType Guest and #EXT# in its user principal name", async () => {
    const guest = fake().control.addUser({
      displayName: "Ελένη Guest",
      userType: "Guest",
      userPrincipalName: "eleni_outlook.com#EXT#@contoso.onmicrosoft.com",
      externalUserState: "PendingAcceptance",
    });
    const round = await userRound(deltaLink);
    expect(changeFor(round, guest.id)).toEqual([
      {
        type: "upsert",
        item: expect.objectContaining({
          userType: "Guest",
          userPrincipalName: expect.stringContaining("#EXT#"),
          externalUserState: "PendingAcceptance",
        }),
      },
    ]);
  });

  it("many changes come over several pages, following nextLink", async () => {
    for (let index = 100; index < 220; index++)
      fake().control.updateUser({
        id: fake().control.userIdAt({ index }),
        changes: { officeLocation: `Room ${index}` },
      });
    const round = await userRound(deltaLink);
    expect(round.pages).toBe(3);
    expect(round.changes).toHaveLength(120);
  });

  it("a 429 in the middle of a delta round is retried", async () => {
    fake().control.updateUser({ id: fake().control.userIdAt({ index: 230 }), changes: { jobTitle: "Retried" } });
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 0, pathPrefix: "/v1.0/users/delta" });
    const round = await userRound(deltaLink);
    expect(round.changes).toHaveLength(1);
  });

  it("an expired delta link (400 syncStateNotFound) asks for a full resync", async () => {
    fake().control.expireDeltaTokens({ answer: 400 });
    const page = await fetchUsersDeltaPage(graphSession(fake()), deltaLink);
    expect(page.fullResyncNeeded).toBe(true);
    if (page.fullResyncNeeded) expect(page.reason).toMatch(/delta link has expired/);
  });

  it("an expired delta link answered with 410 Gone asks for a full resync too", async () => {
    fake().control.expireDeltaTokens({ answer: 410 });
    expect((await userRound(deltaLink)).fullResyncNeeded).toBe(true);
  });

  it("a delta link for another Graph host (GRAPH_BASE_URL changed) asks for a full resync", async () => {
    const elsewhere = deltaLink.replace(fake().url, "https://graph.microsoft.com");
    expect((await userRound(elsewhere)).fullResyncNeeded).toBe(true);
  });

  it("devices have delta queries too: new, changed and deleted devices", async () => {
    const first = await deviceRound(null);
    expect(first.changes).toHaveLength(80);
    const control = fake().control;
    const renamed = control.deviceIdAt({ index: 3 });
    const removed = control.deviceIdAt({ index: 4 });
    const added = control.addDevice({ displayName: "LAPTOP-ZOË" });
    control.updateDevice({ id: renamed, changes: { displayName: "Renamed laptop", model: "Surface Pro 11" } });
    control.hardDeleteDevice({ id: removed });
    const round = await deviceRound(first.deltaLink);
    expect(changeFor(round, added.id)).toEqual([
      { type: "upsert", item: expect.objectContaining({ displayName: "LAPTOP-ZOË", deviceId: added.deviceId }) },
    ]);
    expect(changeFor(round, renamed)).toEqual([
      { type: "upsert", item: { id: renamed, displayName: "Renamed laptop", model: "Surface Pro 11" } },
    ]);
    expect(changeFor(round, removed)).toEqual([{ type: "removed", id: removed, reason: "deleted" }]);
  });
});
