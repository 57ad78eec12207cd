// Each page is read and decided as soon as it arrives, while the page before it is written (lib/sync/page-steps.ts);
// what that write changes must still come out as if the pages had been decided one after the other.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { isExternalUser } from "@/lib/synced-fields";
import { soleOrganizationId } from "@/tests/support/database";
import { clientsByObjectId, listedUsers, runSyncFunction, useSyncWorld } from "./sync-harness";

const PAGE = 10;
const world = useSyncWorld({ users: 4 * PAGE, deltaPageSize: PAGE });

/**
 * Holds every write to clients for `ms` (a SHARE lock lets reads through), so the first page's write waits while
 * the second page arrives and is decided beside it. Resolves once the lock is held; `released` when it is let go.
 */
async function holdClientWrites(ms: number) {
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => (held = resolve));
  const released = db.$client.begin(async (tx) => {
    await tx`LOCK TABLE clients IN SHARE MODE`;
    held();
    await tx`SELECT pg_sleep(${ms / 1000})`;
  });
  await isHeld;
  return { released };
}

describe("a page decided while the page before it is written", () => {
  it("two users on consecutive pages with one hand-made client's address: the first takes it over, the second gets a client of its own", async () => {
    const listed = await listedUsers(world.fake);
    const member = (u: (typeof listed)[number]) => !isExternalUser(u.userType, u.userPrincipalName);
    const synced = (u: (typeof listed)[number]) => member(u) && u.accountEnabled;
    const first = listed.slice(0, PAGE).find(synced)!;
    const second = listed.slice(PAGE, 2 * PAGE).find(synced)!;
    const address = "shared.desk@contoso.example";
    world.fake.control.updateUser({ id: first.id, changes: { mail: address } });
    world.fake.control.updateUser({ id: second.id, changes: { mail: address } });
    const [handMade] = await db.execute<{ id: string }>(sql`
      INSERT INTO clients (organization_id, display_name, mail, source)
      VALUES (${await soleOrganizationId()}, 'Front desk (added by hand)', ${address}, 'manual') RETURNING id`);

    const { released } = await holdClientWrites(1500);
    const { run } = await runSyncFunction("users", { full: true });
    await released;

    expect(run.status).toBe("succeeded");
    const clients = await clientsByObjectId();
    expect(clients.get(first.id)?.id).toBe(handMade.id);
    expect(clients.get(second.id)).toMatchObject({ mail: address, source: "azure", status: "active" });
    expect(clients.get(second.id)?.id).not.toBe(handMade.id);
    expect(run.counts).toMatchObject({ matched: 1, created: listed.filter(member).length - 1 });
  });
});
