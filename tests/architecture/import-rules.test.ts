import { describe, expect, it } from "vitest";
import { fileCycles, folderCycles, productFiles, productImports, readProductFile } from "./imports";

// Which way imports go (docs/architecture.md). Each rule lists the imports that break it: none.
const edges = productImports();
const breaking = (rule: (from: string, to: string) => boolean) =>
  edges.filter(({ from, to }) => rule(from, to)).map(({ from, to }) => `${from} → ${to}`);

describe("the direction of imports", () => {
  it("nothing in lib/ imports the job engine's function definitions (inngest/)", () => {
    expect(breaking((from, to) => from.startsWith("lib/") && to.startsWith("inngest/"))).toEqual([]);
  });

  it("lib/sync lists, decides and writes pages: it imports nothing of the run lifecycle, the portal, the alerts or the job engine", () => {
    const above = ["lib/sync-runs/", "lib/portal/", "lib/alerts/", "lib/job-engine/", "inngest/", "cli/", "app/"];
    expect(
      breaking((from, to) => from.startsWith("lib/sync/") && above.some((folder) => to.startsWith(folder))),
    ).toEqual([]);
  });

  it("only inngest/ and the route that serves it use the job engine's client directly; everything else sends through lib/job-engine", () => {
    const allowed = (from: string) =>
      from.startsWith("inngest/") || from.startsWith("lib/job-engine/") || from === "app/api/inngest/route.ts";
    expect(breaking((from, to) => to === "lib/job-engine/client" && !allowed(from))).toEqual([]);
  });

  it("no two folders under lib/ import each other, directly or round a loop", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("no two files in lib/azure or in db/schema import each other, directly or round a loop", () => {
    expect(fileCycles(edges, "lib/azure/")).toEqual([]);
    expect(fileCycles(edges, "db/schema/")).toEqual([]);
  });

  it("lib/azure's endpoints are a module of their own: the connection and the error classifier do not import each other", () => {
    expect(breaking((from, to) => from.startsWith("lib/azure/errors/") && to === "lib/azure/connection")).toEqual([]);
    expect(breaking((from, to) => from === "lib/azure/connection.ts" && to.startsWith("lib/azure/errors/"))).toEqual(
      [],
    );
  });

  it("the command line reads and writes runs through lib/sync-runs, never the sync_runs table itself", () => {
    expect(
      productFiles().filter((file) => file.startsWith("cli/") && /\bsyncRuns\b/.test(readProductFile(file))),
    ).toEqual([]);
  });

  it("one check says what a uuid is (db/is-uuid.ts): no product code asks zod's own uuid or guid formats", () => {
    expect(productFiles().filter((file) => /\bz\.(uuid|guid)\(|\.uuid\(\)/.test(readProductFile(file)))).toEqual([]);
  });

  it("the bottom of auth (authorize, passwords, sign-in limits, refusals) imports none of the app's domains", () => {
    expect(
      breaking((from, to) => from.startsWith("lib/auth/") && !to.startsWith("lib/auth/") && !to.startsWith("db/")),
    ).toEqual([]);
  });

  it("code outside lib/azure enters it through its index (a client component may use the consent link's file)", () => {
    const entrances = ["lib/azure", "lib/azure/admin-consent-url"];
    expect(
      breaking((from, to) => !from.startsWith("lib/azure/") && to.startsWith("lib/azure") && !entrances.includes(to)),
    ).toEqual([]);
  });

  it("code outside lib/connections, lib/credentials and lib/consent enters each through its index (client components may use four plain files)", () => {
    const clientEntrances = [
      "lib/connections/connection-methods",
      "lib/connections/frequencies",
      "lib/connections/group-fields",
      "lib/credentials/field-checks",
    ];
    for (const folder of ["lib/connections", "lib/credentials", "lib/consent"]) {
      const enters = (from: string, to: string) =>
        !from.startsWith(`${folder}/`) && (to === folder || to.startsWith(`${folder}/`));
      expect(breaking((from, to) => enters(from, to) && to !== folder && !clientEntrances.includes(to))).toEqual([]);
    }
  });

  it("lib/azure's index exports only what product code uses (what only tests use stays behind it)", () => {
    const exported = [...readProductFile("lib/azure/index.ts").matchAll(/export (?:type )?\{([^}]*)\}/g)]
      .flatMap((match) => match[1].split(",").map((name) => name.trim().replace(/^type\s+/, "")))
      .filter(Boolean);
    const used = new Set(
      edges
        .filter(({ from, to }) => to === "lib/azure" && !from.startsWith("lib/azure/"))
        .flatMap(({ names }) => names),
    );
    expect(exported.length).toBeGreaterThan(5);
    expect(exported.filter((name) => !used.has(name))).toEqual([]);
  });

  it("Graph is never asked from inside a database transaction: code that opens one imports nothing of lib/azure", () => {
    const opensTransaction = new Set(
      productFiles().filter((file) => /\.transaction\(|writeWhileRunning\(/.test(readProductFile(file))),
    );
    expect(opensTransaction.size).toBeGreaterThan(5);
    expect(breaking((from, to) => opensTransaction.has(from) && to.startsWith("lib/azure"))).toEqual([]);
  });

  it("the rules see the code: the import graph holds the imports they are about", () => {
    expect(edges).toContainEqual({ from: "inngest/sync-users.ts", to: "lib/sync-runs/run-sync", names: ["runSync"] });
    expect(edges).toContainEqual(
      expect.objectContaining({ from: "lib/sync-runs/run-sync.ts", to: "lib/sync/page-steps" }),
    );
    expect(edges).toContainEqual(
      expect.objectContaining({
        from: "lib/sync/devices-page.ts",
        to: "lib/azure",
        names: expect.arrayContaining(["fetchFirstOwners", "GraphDeviceChange"]),
      }),
    );
  });
});

describe("an organization is always named", () => {
  const libAndCli = () => productFiles().filter((file) => file.startsWith("lib/") || file.startsWith("cli/"));

  it('no function in lib/ or cli/ takes an optional organization or connection that would mean "the first one"', () => {
    const optional =
      /\b(organizationId|connectionId|organization|connection)\?\s*:|\b(organizationId|connectionId)(\s*:[^,)=]+)?\s*=\s*(null|undefined|"")\s*[,)]/;
    const found = libAndCli().flatMap((file) =>
      readProductFile(file)
        .split("\n")
        .flatMap((line, index) => (optional.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("\"primary\" names nothing in lib/ or cli/ but an organization's primary domain and Intune's primary user", () => {
    const found = libAndCli().flatMap((file) =>
      readProductFile(file)
        .split("\n")
        .flatMap((line, index) =>
          /primary(?![ _-]?(domain|user))/i.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });
});
