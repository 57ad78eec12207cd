import { afterEach, describe, expect, it } from "vitest";
import type { GraphPage } from "@/lib/azure";
import { pagesOfDevices } from "@/lib/azure/devices";
import type { GraphUser } from "@/lib/azure/graph-shapes";
import { fetchUsersPage, pagesOfUsers } from "@/lib/azure/users";
import { graphSession, useFakeTenant } from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 5_000, devices: 1_200, seed: "listing" });

async function listAllUsers(graph = graphSession(fake())) {
  const ids = new Set<string>();
  const users: GraphUser[] = [];
  let pages = 0;
  for await (const page of pagesOfUsers(graph)) {
    pages++;
    for (const user of page.items) {
      ids.add(user.id);
      users.push(user);
    }
  }
  return { ids, users, pages };
}

describe("listing users and devices", () => {
  afterEach(() => {
    fake().control.clearFaults();
    fake().control.resetRequestCounts();
  });

  it("a 5,000-user tenant arrives in pages of 999, every user exactly once", async () => {
    const { ids, users, pages } = await listAllUsers();
    expect(users).toHaveLength(5_000);
    expect(ids.size).toBe(5_000);
    expect(pages).toBe(6);
    const firstRequest = fake()
      .control.recentRequests()
      .find((line) => line.startsWith("GET /v1.0/users?"))!;
    expect(firstRequest).toContain("$top=999");
    expect(decodeURIComponent(firstRequest)).toContain(
      "$select=id,displayName,givenName,surname,mail,userPrincipalName,userType,accountEnabled",
    );
  });

  it("users carry what Vertask stores: guests with #EXT#, disabled accounts, names in many scripts", async () => {
    const { users } = await listAllUsers();
    const guests = users.filter((u) => u.userType === "Guest");
    expect(guests.length).toBeGreaterThan(100);
    expect(guests.every((g) => g.userPrincipalName?.includes("#EXT#"))).toBe(true);
    expect(users.some((u) => u.userType === "Member" && u.userPrincipalName?.includes("#EXT#"))).toBe(true);
    expect(users.filter((u) => u.accountEnabled === false).length).toBeGreaterThan(100);
    const names = users.map((u) => u.displayName ?? "").join(" ");
    for (const script of [
      /Zoë|Zoé/,
      /\p{Script=Greek}/u,
      /\p{Script=Cyrillic}/u,
      /\p{Script=Han}/u,
      /\p{Script=Arabic}/u,
      /\p{Script=Hangul}/u,
    ]) {
      expect(names).toMatch(script);
    }
    expect(users[0]).toHaveProperty("businessPhones");
    expect(users[0]).toHaveProperty("externalUserState");
  });

  it("one page can be fetched from a stored nextLink alone, as a job step per page does", async () => {
    const first = await fetchUsersPage(graphSession(fake()), null);
    const stored = JSON.parse(JSON.stringify({ nextLink: first.nextLink })) as { nextLink: string };
    const second: GraphPage<GraphUser> = await fetchUsersPage(graphSession(fake()), stored.nextLink);
    expect(second.items).toHaveLength(999);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it("a 429 in the middle of a listing is retried after Retry-After and the listing completes", async () => {
    const first = await fetchUsersPage(graphSession(fake()), null);
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 1, pathPrefix: "/v1.0/users" });
    const started = Date.now();
    let nextLink = first.nextLink;
    let total = first.items.length;
    while (nextLink) {
      const page = await fetchUsersPage(graphSession(fake()), nextLink);
      total += page.items.length;
      nextLink = page.nextLink;
    }
    expect(total).toBe(5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake().control.requestCounts().graph).toBe(1 + 6);
  });

  it("503 and 504 answers are retried too", async () => {
    fake().control.failNextRequests({ count: 1, status: 503, pathPrefix: "/v1.0/users" });
    fake().control.failNextRequests({ count: 1, status: 504, retryAfterSeconds: 0, pathPrefix: "/v1.0/users" });
    const page = await fetchUsersPage(graphSession(fake()), null);
    expect(page.items).toHaveLength(999);
    expect(fake().control.requestCounts().graph).toBe(3);
  });

  it("a filter narrows the listing", async () => {
    const page = await fetchUsersPage(graphSession(fake()), null, { filter: "userType eq 'Guest'" });
    expect(page.items.length).toBeGreaterThan(100);
    expect(page.items.every((u) => u.userType === "Guest")).toBe(true);
  });

  it("devices come with their registered owners when asked, and some have none", async () => {
    let devices = 0;
    let withOwners = 0;
    let withoutOwners = 0;
    for await (const page of pagesOfDevices(graphSession(fake()), { includeOwners: true })) {
      for (const device of page.items) {
        devices++;
        const owners = device.registeredOwners?.map((o) => o.id) ?? [];
        expect(owners).toEqual(fake().control.deviceOwnerIds({ id: device.id }));
        if (owners.length) withOwners++;
        else withoutOwners++;
      }
    }
    expect(devices).toBe(1_200);
    expect(withOwners).toBeGreaterThan(500);
    expect(withoutOwners).toBeGreaterThan(100);
  });

  it("a nextLink naming the loopback host differently (127.0.0.1 for localhost) is still followed", async () => {
    const first = await fetchUsersPage(graphSession(fake()), null);
    const renamed = first.nextLink!.replace("//localhost:", "//127.0.0.1:");
    expect((await fetchUsersPage(graphSession(fake()), renamed)).items).toHaveLength(999);
  });

  it("a nextLink that leads away from the Graph host is refused", async () => {
    await expect(
      fetchUsersPage(graphSession(fake()), "https://example.com/v1.0/users?$skiptoken=x"),
    ).rejects.toMatchObject({
      code: "unexpected_response",
    });
  });
});
