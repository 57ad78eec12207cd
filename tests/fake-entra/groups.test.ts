// Groups, their members and users' licences in the fake tenant, checked over plain HTTPS against what
// Microsoft documents (../shared/guide/platform-facts.md): what a "sync only these groups" feature relies on.
import { Client, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO, FABRIKAM } from "./default-tenants";
import { SKU_IDS } from "./licences";
import { everyItem, graphGet, requestToken, type GraphGetOptions } from "./plain-requests";

const fake = useFakeTenant({ users: 400, devices: 20, seed: "groups" });

const EVENTUAL = { headers: { ConsistencyLevel: "eventual" } };
const usersOnly = { app: CONTOSO.appWithoutDevices };

const graph = (path: string, options?: GraphGetOptions) => graphGet(fake(), path, options);
const every = <T = Record<string, unknown>>(path: string, options?: GraphGetOptions) =>
  everyItem<T>(fake(), path, options);
const groupId = (name: string) => fake().control.groupByName({ name }).id;
const ids = (items: Record<string, unknown>[]) => items.map((item) => item.id as string);
const transitiveUsersPath = (name: string, query = "$select=id&$top=999") =>
  `/v1.0/groups/${groupId(name)}/transitiveMembers/microsoft.graph.user?${query}`;

async function directUserIds(name: string) {
  const { items } = await every(`/v1.0/groups/${groupId(name)}/members?$select=id`);
  return ids(items.filter((item) => item["@odata.type"] === "#microsoft.graph.user"));
}

describe("groups in the fake tenant", () => {
  it("lists groups with $select and $top, paging by nextLink, and filters them with startswith()", async () => {
    const first = await (await graph("/v1.0/groups?$select=id,displayName&$top=3")).json();
    expect(first.value).toHaveLength(3);
    expect(Object.keys(first.value[0]).sort()).toEqual(["displayName", "id"]);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${fake().url}/v1\\.0/groups\\?.*\\$skiptoken=`));

    const { items, pages } = await every("/v1.0/groups?$select=id,displayName&$top=3");
    expect(pages).toBeGreaterThan(1);
    expect(items.map((g) => g.displayName)).toEqual(
      fake()
        .control.groups()
        .map((g) => g.displayName),
    );
    expect(items.map((g) => g.displayName)).toEqual(
      expect.arrayContaining(["All Staff", "Sales", "Engineering", "Platform Team", "Contractors", "Service Accounts"]),
    );

    const filtered = await every("/v1.0/groups?$filter=startswith(displayName,'eng')&$select=displayName");
    expect(filtered.items.map((g) => g.displayName)).toEqual(["Engineering"]);
  });

  it("$search needs ConsistencyLevel: eventual, and then matches the start of any word of the name, in any case", async () => {
    const refused = await graph(`/v1.0/groups?$search="displayName:eng"`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({
      code: "Request_UnsupportedQuery",
      message: expect.stringContaining("ConsistencyLevel: eventual"),
    });

    const names = async (search: string) =>
      (await every(`/v1.0/groups?$search=${encodeURIComponent(search)}&$select=displayName`, EVENTUAL)).items.map(
        (g) => g.displayName,
      );
    expect(await names(`"displayName:eng"`)).toEqual(["Engineering", "Data Engineering Guild"]);
    expect(await names(`"displayName:TEAM"`)).toEqual(["Platform Team"]);
    expect(await names(`"displayName:ngineer"`)).toEqual([]);
  });

  it("reads one group, and answers 404 Request_ResourceNotFound for an id it does not know", async () => {
    const group = await (await graph(`/v1.0/groups/${groupId("Sales")}?$select=id,displayName`)).json();
    expect(group).toEqual({ id: groupId("Sales"), displayName: "Sales" });
    const unknown = await graph(`/v1.0/groups/${groupId("Sales").replace(/^.{8}/, "00000000")}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("Request_ResourceNotFound");
  });

  it("a group's direct members are users and groups, each with its @odata.type", async () => {
    const { items } = await every(`/v1.0/groups/${groupId("All Staff")}/members?$select=id,displayName`);
    const groups = items.filter((item) => item["@odata.type"] === "#microsoft.graph.group");
    expect(groups.map((g) => g.displayName).sort()).toEqual(["Engineering", "Sales"]);
    expect(items.filter((item) => item["@odata.type"] === "#microsoft.graph.user").length).toBeGreaterThan(100);
    expect(
      items.every((item) =>
        ["#microsoft.graph.user", "#microsoft.graph.group"].includes(item["@odata.type"] as string),
      ),
    ).toBe(true);
  });

  it("transitive users reach through two levels of nesting, each user once, across pages", async () => {
    const platformTeam = await directUserIds("Platform Team");
    const directInAllStaff = new Set(await directUserIds("All Staff"));
    const directInAllStaffAndSales = (await directUserIds("Sales")).filter((id) => directInAllStaff.has(id));
    const { items, pages } = await every(transitiveUsersPath("All Staff", "$select=id,userPrincipalName&$top=50"));
    const listed = ids(items);

    expect(pages).toBeGreaterThan(2);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual([...fake().control.transitiveUserIds({ groupId: groupId("All Staff") })].sort());
    expect(platformTeam.length).toBeGreaterThan(0);
    expect(listed).toEqual(expect.arrayContaining(platformTeam));
    // In All Staff directly and through Sales: still listed once.
    expect(directInAllStaffAndSales.length).toBeGreaterThan(0);
    expect(listed).toEqual(expect.arrayContaining(directInAllStaffAndSales));
    expect(items[0]).not.toHaveProperty("@odata.type");
    expect(Object.keys(items[0]).sort()).toEqual(["id", "userPrincipalName"]);
  });

  it("transitive members accept $top up to 999 and $count=true with ConsistencyLevel: eventual only", async () => {
    expect((await graph(transitiveUsersPath("All Staff", "$top=1000"))).status).toBe(400);
    const expected = fake().control.transitiveUserIds({ groupId: groupId("All Staff") }).length;
    const counted = await (await graph(transitiveUsersPath("All Staff", "$count=true&$top=10"), EVENTUAL)).json();
    expect(counted["@odata.count"]).toBe(expected);
    expect(counted.value).toHaveLength(10);
    const uncounted = await (await graph(transitiveUsersPath("All Staff", "$count=true&$top=10"))).json();
    expect(uncounted).not.toHaveProperty("@odata.count");
    const byDefault = await (await graph(transitiveUsersPath("All Staff", "$select=id"))).json();
    expect(byDefault.value).toHaveLength(100);
  });

  it("the Microsoft Graph client lists transitive users, with their count, through its PageIterator", async () => {
    const { access_token } = (await (await requestToken(fake())).json()) as { access_token: string };
    const client = Client.init({
      authProvider: (done) => done(null, access_token),
      baseUrl: fake().url,
      customHosts: new Set(["localhost"]),
    });
    const options = { headers: { ConsistencyLevel: "eventual" } };
    const path = `/groups/${groupId("Engineering")}/transitiveMembers/microsoft.graph.user?$select=id,assignedLicenses&$top=7&$count=true`;
    const first: PageCollection = await client.api(path).headers(options.headers).get();
    const seen: string[] = [];
    await new PageIterator(client, first, (user: { id: string }) => Boolean(seen.push(user.id)), options).iterate();
    expect(seen.length).toBeGreaterThan(7);
    expect(first["@odata.count"]).toBe(seen.length);
    expect(seen.sort()).toEqual([...fake().control.transitiveUserIds({ groupId: groupId("Engineering") })].sort());
  });

  it("answers 403 Authorization_RequestDenied to an app without GroupMember.Read.All", async () => {
    for (const path of ["/v1.0/groups", `/v1.0/groups/${groupId("Sales")}/members`, transitiveUsersPath("All Staff")]) {
      const forbidden = await graph(path, usersOnly);
      expect(forbidden.status).toBe(403);
      expect((await forbidden.json()).error).toMatchObject({
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      });
    }
  });

  it("counts group requests, and failNextRequests with a pathPrefix throttles them as it does users", async () => {
    fake().control.resetRequestCounts();
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 4, pathPrefix: "/v1.0/groups" });
    expect((await graph("/v1.0/users?$top=1")).status).toBe(200);
    const throttled = await graph(transitiveUsersPath("Sales"));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("4");
    expect((await graph(transitiveUsersPath("Sales"))).status).toBe(200);
    expect(fake().control.requestCounts().graph).toBe(3);
  });

  it("service-looking accounts are a few generated members, in Service Accounts, and the tenant keeps its size", async () => {
    const accounts = fake().control.serviceAccounts();
    expect(accounts.map((a) => a.userPrincipalName.split("@")[0]).sort()).toEqual([
      "breakglass-admin",
      "info",
      "noreply",
      "room-boardroom",
      "svc-backup",
      "svc-scanner",
    ]);
    expect((await every("/v1.0/users?$select=id&$top=999")).items).toHaveLength(400);
    expect((await every(transitiveUsersPath("Service Accounts"))).items.map((u) => u.id).sort()).toEqual(
      accounts.map((a) => a.id).sort(),
    );
    const { items } = await every(
      `/v1.0/users?$select=userPrincipalName,assignedLicenses&$filter=startswith(userPrincipalName,'svc-')`,
    );
    expect(items.map((u) => u.userPrincipalName).sort()).toEqual([
      `svc-backup@${CONTOSO.domain}`,
      `svc-scanner@${CONTOSO.domain}`,
    ]);
    expect(fake().control.serviceAccounts({ tenantId: FABRIKAM.tenantId })).toEqual([]);
  });

  it("a membership change shows at the next listing, nesting included", async () => {
    const { control } = fake();
    const guest = (
      await every<{ id: string; userType: string }>("/v1.0/users?$select=id,userType&$top=999")
    ).items.find(
      (u) => u.userType === "Guest" && !control.transitiveUserIds({ groupId: groupId("All Staff") }).includes(u.id),
    )!;
    const nightShift = control.createGroup({ displayName: "Night Shift", memberIds: [guest.id] });
    expect(ids((await every(transitiveUsersPath("All Staff"))).items)).not.toContain(guest.id);

    control.addGroupMember({ groupId: groupId("Platform Team"), memberId: nightShift.id });
    expect(ids((await every(transitiveUsersPath("All Staff"))).items)).toContain(guest.id);
    const response = await fetch(`${fake().url}/_control/removeGroupMember`, {
      method: "POST",
      body: JSON.stringify({ groupId: groupId("Platform Team"), memberId: nightShift.id }),
    });
    expect(response.status).toBe(200);
    expect(ids((await every(transitiveUsersPath("All Staff"))).items)).not.toContain(guest.id);

    control.addGroupMember({ groupId: groupId("Sales"), memberId: guest.id });
    expect(ids((await every(transitiveUsersPath("All Staff"))).items)).toContain(guest.id);
    control.removeGroupMember({ groupId: groupId("Sales"), memberId: guest.id });
    expect(ids((await every(transitiveUsersPath("Sales"))).items)).not.toContain(guest.id);
    expect(() => control.addGroupMember({ groupId: nightShift.id, memberId: groupId("All Staff") })).not.toThrow();
    expect(() => control.addGroupMember({ groupId: groupId("All Staff"), memberId: nightShift.id })).toThrow(/nest/);
  });
});

describe("licences in the fake tenant", () => {
  it("assignedLicenses comes only when selected: most members licensed, guests never", async () => {
    const plain = await (await graph("/v1.0/users?$top=5")).json();
    expect(plain.value[0]).not.toHaveProperty("assignedLicenses");

    type Listed = {
      id: string;
      userType: string;
      userPrincipalName: string;
      assignedLicenses: { skuId: string; disabledPlans: string[] }[];
    };
    const { items } = await every<Listed>(
      "/v1.0/users?$select=id,userType,userPrincipalName,assignedLicenses&$top=999",
    );
    const members = items.filter((u) => u.userType === "Member" && !u.userPrincipalName.includes("#EXT#"));
    const unlicensed = members.filter((u) => u.assignedLicenses.length === 0).length / members.length;
    expect(unlicensed).toBeGreaterThan(0.05);
    expect(unlicensed).toBeLessThan(0.2);
    expect(items.filter((u) => u.userType === "Guest").every((u) => u.assignedLicenses.length === 0)).toBe(true);
    const licensed = members.find((u) => u.assignedLicenses.length > 0)!;
    expect(licensed.assignedLicenses[0]).toEqual({
      skuId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      disabledPlans: [],
    });

    const { items: throughGroup } = await every<Listed>(transitiveUsersPath("Sales", "$select=id,assignedLicenses"));
    expect(throughGroup[0].assignedLicenses).toEqual(expect.any(Array));
  });

  it("a licence change shows in the next users delta, with assignedLicenses when selected", async () => {
    let link: string | undefined = "/v1.0/users/delta?$select=id,displayName,assignedLicenses";
    let deltaLink = "";
    while (link) {
      const page: { "@odata.nextLink"?: string; "@odata.deltaLink"?: string; value: { assignedLicenses?: unknown }[] } =
        await (await graph(link)).json();
      expect(page.value.every((user) => Array.isArray(user.assignedLicenses))).toBe(true);
      link = page["@odata.nextLink"];
      deltaLink = page["@odata.deltaLink"] ?? deltaLink;
    }
    const id = fake().control.userIdAt({ index: 3 });
    const wasLicensed = fake().control.getUser({ id })!.value.assignedLicenses.length > 0;
    fake().control.setUserLicensed({ id, licensed: !wasLicensed, skuIds: [SKU_IDS.microsoft365E5] });

    const changes = await (await graph(deltaLink)).json();
    expect(changes.value).toEqual([
      { id, assignedLicenses: wasLicensed ? [] : [{ skuId: SKU_IDS.microsoft365E5, disabledPlans: [] }] },
    ]);
  });
});
