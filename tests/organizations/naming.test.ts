// With two or more organizations, alerts and audit entries say which organization they are about; with one,
// they read as they did before organizations.
import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, organizations } from "@/db/schema";
import { openAlertsFor } from "@/lib/alerts/queries";
import { addClient } from "@/lib/clients/commands";
import { clientFields } from "@/lib/clients/client-fields";
import { saveSyncSchedule } from "@/lib/connections";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { cancelSync } from "@/lib/sync-runs/cancel-run";
import { FABRIKAM } from "@/tests/fake-entra/default-tenants";
import { endRun, endRunOf, useAlertWorld } from "../alerts/alert-harness";
import { connectOrganization } from "../support/organizations";

const { world, mails } = useAlertWorld();

const expiredSecret =
  "The client secret has expired: create a new one in Certificates & secrets (guide step 3) and enter it under Azure User Sync.";
const lastAudit = async () => (await db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(1))[0].summary;

describe("with one organization", () => {
  it("alerts and audit entries read as before: no organization named", async () => {
    await endRun("users", "failed", { errorMessage: expiredSecret });
    expect(mails().map((mail) => mail.subject)).toEqual(["Vertask: syncing users failed"]);
    expect((await openAlertsFor(world.admin)).map((alert) => alert.summary)).toEqual([
      `Syncing users failed: ${expiredSecret}`,
    ]);
    const [mine] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, "My organization"));
    await saveSyncSchedule(world.admin, mine.id, "daily");
    expect(await lastAudit()).toBe("Changed Sync frequency");
  });
});

describe("with two organizations", () => {
  it("an alert names the organization in the mail's subject and text and on the banner", async () => {
    const fabrikam = await connectOrganization("Fabrikam", FABRIKAM);
    await endRunOf(fabrikam.connection.id, "users", "failed", { errorMessage: expiredSecret });
    await endRun("users", "failed", { errorMessage: expiredSecret });

    expect(mails().map((mail) => mail.subject)).toEqual([
      "Vertask: Fabrikam: syncing users failed",
      "Vertask: My organization: syncing users failed",
    ]);
    expect(mails()[0].text).toMatch(/^Fabrikam: Syncing users failed: The client secret has expired/);
    expect((await openAlertsFor(world.admin)).map((alert) => alert.summary)).toEqual([
      `Fabrikam: Syncing users failed: ${expiredSecret}`,
      `My organization: Syncing users failed: ${expiredSecret}`,
    ]);
  });

  it("audit entries of settings changes, sync requests and clients added by hand name the organization", async () => {
    const fabrikam = await connectOrganization("Fabrikam", FABRIKAM);

    const [mine] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, "My organization"));
    await saveSyncSchedule(world.admin, mine.id, "daily");
    expect(await lastAudit()).toBe("My organization: Changed Sync frequency");

    const run = await createSyncRun({
      connectionId: fabrikam.connection.id,
      kind: "users",
      trigger: "manual",
      requestedByName: world.admin.name,
    });
    await cancelSync(world.admin, run!.id);
    expect(await lastAudit()).toBe("Fabrikam: Cancelled a sync of users");

    await addClient(world.admin, clientFields.parse({ name: "Hana Hand" }), fabrikam.organizationId);
    expect(await lastAudit()).toBe("Fabrikam: Added Hana Hand by hand");
  });
});
