import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { pagesOfUsers } from "@/lib/azure/users";
import { graphSession, useFakeTenant } from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 100_000, devices: 0, seed: "memory" });

// A heap measured right after a full collection shows what is still held, not what awaits collection.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function heapAfterCollection() {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

describe("memory", () => {
  it("listing a 100,000-user tenant page by page keeps memory flat", { timeout: 120_000 }, async () => {
    let users = 0;
    let pages = 0;
    let baseline = 0;
    let highestHeap = 0;
    let highestRss = 0;
    const started = Date.now();
    for await (const page of pagesOfUsers(graphSession(fake()))) {
      users += page.items.length;
      pages++;
      // A few pages first, so connection pools, compiled code and MSAL's cache are in the baseline.
      if (pages === 5) baseline = heapAfterCollection();
      if (pages > 5 && pages % 10 === 0) highestHeap = Math.max(highestHeap, heapAfterCollection());
      highestRss = Math.max(highestRss, process.memoryUsage().rss);
    }
    const final = heapAfterCollection();
    const growth = Math.max(highestHeap, final) - baseline;
    console.log(
      `100,000 users in ${pages} pages, ${((Date.now() - started) / 1000).toFixed(1)} s: heap after collection ${megabytes(baseline)} MB ` +
        `at page 5, at most ${megabytes(Math.max(highestHeap, final))} MB later (growth ${megabytes(growth)} MB); peak RSS ${megabytes(highestRss)} MB`,
    );
    expect(users).toBe(100_000);
    expect(pages).toBe(101);
    // Holding every user would take well over 100 MB; one page is about 1 MB.
    expect(growth).toBeLessThan(15 * 1024 * 1024);
  });
});
