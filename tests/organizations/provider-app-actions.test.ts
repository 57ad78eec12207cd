// An organization connected by the provider's app: until its administrator consents, each of its actions says it
// waits for consent (never "not set up"); once consented, each signs in with the provider's app at its own tenant.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections } from "@/db/schema";
import { requestSync } from "@/lib/sync-runs/request-sync";
import { describeNextScheduledSync } from "@/lib/sync-runs/schedule";
import { notSetUpMessage, waitingForConsentMessage, findGroups, testSavedConnection } from "@/lib/connections";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import {
  addOrganizationNamed,
  answerConsent,
  connectWithProviderApp,
  enterProviderApp,
  useOrganizationWorld,
} from "./organization-world";

const world = useOrganizationWorld();
let tenant: { tenantId: string; domain: string } | null = null;
const customerTenant = () =>
  (tenant ??= world.fake.control.addTenants({ count: 1, users: 20, devices: 4, seed: "provider-app-actions" })[0]);

describe("an organization connected by the provider's app", () => {
  it("Find groups, Test connection, Sync now and the schedule say it waits for consent until its administrator accepts", async () => {
    const { admin } = world;
    await enterProviderApp(admin);
    const tailspin = await addOrganizationNamed(admin, "Tailspin Toys");
    await connectWithProviderApp(admin, tailspin.id);
    await db
      .update(entraConnections)
      .set({ syncFrequency: "hourly" })
      .where(eq(entraConnections.organizationId, tailspin.id));

    expect(await findGroups(admin, "eng", tailspin.id)).toEqual({ problem: waitingForConsentMessage });
    await expect(testSavedConnection(admin, tailspin.id)).rejects.toThrow(waitingForConsentMessage);
    await expect(requestSync(admin, "users", { organizationId: tailspin.id, preview: true })).rejects.toThrow(
      waitingForConsentMessage,
    );
    const schedule = await describeNextScheduledSync({ organizationId: tailspin.id });
    expect(schedule).toBe(`Syncs are set to run every hour, but none will run yet. ${waitingForConsentMessage}`);
    for (const said of [schedule, waitingForConsentMessage]) expect(said).not.toContain(notSetUpMessage);
  });

  it("once consented, Find groups searches its own tenant's groups, signed in as the provider's app", async () => {
    const { admin, fake } = world;
    await enterProviderApp(admin);
    const { tenantId, domain } = customerTenant();
    // Its primary domain names its tenant: the answer connects without a confirmation.
    const tailspin = await addOrganizationNamed(admin, "Tailspin Toys", domain);
    await connectWithProviderApp(admin, tailspin.id);
    expect((await answerConsent(admin, tailspin.id, "accept", tenantId)).result.outcome).toBe("connected");

    const found = await findGroups(admin, "eng", tailspin.id);
    const engineering = fake.control.groupByName({ name: "Engineering", tenantId });
    expect(found).toEqual({ groups: expect.arrayContaining([engineering]) });
    // The same name in another tenant is another group: these are the customer's own.
    expect(engineering.id).not.toBe(fake.control.groupByName({ name: "Engineering", tenantId: CONTOSO.tenantId }).id);
    expect((await testSavedConnection(admin, tailspin.id)).ok).toBe(true);
  });
});
