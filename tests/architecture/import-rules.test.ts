import { describe, expect, it } from "vitest";
import { folderCycles, productImports } from "./imports";

// Which way imports go (README, Map of the code). Each rule lists the imports that break it: none.
const edges = productImports();
const breaking = (rule: (from: string, to: string) => boolean) => edges.filter(({ from, to }) => rule(from, to)).map(({ from, to }) => `${from} → ${to}`);

describe("the direction of imports", () => {
  it("nothing in lib/ imports the job engine's function definitions (inngest/)", () => {
    expect(breaking((from, to) => from.startsWith("lib/") && to.startsWith("inngest/"))).toEqual([]);
  });

  it("lib/sync lists, decides and writes pages: it imports nothing of the run lifecycle, the portal, the alerts or the job engine", () => {
    const above = ["lib/sync-runs/", "lib/portal/", "lib/alerts/", "lib/job-engine/", "inngest/", "cli/", "app/"];
    expect(breaking((from, to) => from.startsWith("lib/sync/") && above.some((folder) => to.startsWith(folder)))).toEqual([]);
  });

  it("only inngest/ and the route that serves it use the job engine's client directly; everything else sends through lib/job-engine", () => {
    const allowed = (from: string) => from.startsWith("inngest/") || from.startsWith("lib/job-engine/") || from === "app/api/inngest/route.ts";
    expect(breaking((from, to) => to === "lib/job-engine/client" && !allowed(from))).toEqual([]);
  });

  it("no two folders under lib/ import each other, directly or round a loop", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("the bottom of auth (authorize, passwords, sign-in limits, refusals) imports none of the app's domains", () => {
    expect(breaking((from, to) => from.startsWith("lib/auth/") && !to.startsWith("lib/auth/") && !to.startsWith("db/"))).toEqual([]);
  });

  it("the rules see the code: the import graph holds the imports they are about", () => {
    expect(edges).toContainEqual({ from: "inngest/sync-users.ts", to: "lib/sync-runs/run-sync" });
    expect(edges).toContainEqual({ from: "lib/sync-runs/run-sync.ts", to: "lib/sync/page-steps" });
  });
});
