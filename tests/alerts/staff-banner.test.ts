// The banner on every staff page: with one organization it reads as before organizations; with several, each
// organization that needs attention is listed by name, linking to its page, with what is wrong there.
import { isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { db } from "@/db/client";
import { credentials } from "@/db/schema";
import { staffBannerFor } from "@/lib/alerts/queries";
import type { Actor } from "@/lib/auth/authorize";
import { StaffBanner } from "@/app/_components/staff-banner";
import { FABRIKAM } from "@/tests/fake-entra/default-tenants";
import { createActor } from "../support/database";
import { connectOrganization, organizationId } from "../support/organizations";
import { endRun, endRunOf, useAlertWorld } from "./alert-harness";

const { world } = useAlertWorld();

const expiredSecret =
  "The client secret has expired: create a new one in Certificates & secrets (guide step 3) and enter it under Azure User Sync.";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const bannerSeenBy = async (actor: Actor) =>
  renderToStaticMarkup(createElement(StaffBanner, { banner: await staffBannerFor(actor) }));
/** The banner's words as a person reads them: the markup's text, tags gone. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

describe("the staff banner", () => {
  it("with one organization reads as before: the secret's warning and the alerts, no organization named", async () => {
    await db
      .update(credentials)
      .set({ clientSecretExpiresOn: inDays(10) })
      .where(isNotNull(credentials.connectionId));
    await endRun("users", "failed", { errorMessage: expiredSecret });

    const html = await bannerSeenBy(world.admin);
    expect(textOf(html)).toBe(
      `The client secret expires in 10 days (${inDays(10)}). Create a new one in Certificates & secrets (guide step 3) and enter it under Azure User Sync. Open Azure User Sync . ` +
        `Syncing users failed: ${expiredSecret} Open the Microsoft Azure tab`,
    );
    expect(html).not.toContain("My organization");
    expect(html).not.toContain("need");
    expect(await bannerSeenBy(await createActor("technician"))).toBe("");
  });

  it('with alerts in two organizations and a secret expiring in a third: "3 organizations need attention", each linking to its page', async () => {
    const mine = await organizationId();
    const fabrikam = await connectOrganization("Fabrikam", FABRIKAM);
    const northwind = await connectOrganization(
      "Northwind",
      {
        tenantId: crypto.randomUUID(),
        goodApp: { clientId: crypto.randomUUID(), secret: "Nw8Q~northwind-secret-value-000000000000" },
      },
      { clientSecretExpiresOn: inDays(5) },
    );
    await connectOrganization("Quiet Ltd", {
      tenantId: crypto.randomUUID(),
      goodApp: { clientId: crypto.randomUUID(), secret: "Qt8Q~quiet-secret-value-00000000000000000" },
    });
    await endRunOf(fabrikam.connection.id, "users", "failed", { errorMessage: expiredSecret });
    await endRun("devices", "needs_review", { reviewNote: "It would remove 4 of 4 devices (100%)." });

    const banner = (await staffBannerFor(world.admin))!;
    expect(banner.severalOrganizations).toBe(true);
    expect(
      banner.organizations.map((organization) => [
        organization.organizationName,
        organization.alerts.map((alert) => alert.conditionKey),
        organization.expiry?.state ?? null,
      ]),
    ).toEqual([
      ["Fabrikam", ["sync_failed:users"], null],
      ["My organization", ["needs_review:devices"], null],
      ["Northwind", [], "expiring"],
    ]);

    const html = await bannerSeenBy(world.admin);
    const text = textOf(html);
    expect(text).toMatch(
      /^3 organizations need attention Fabrikam Syncing users failed: The client secret has expired/,
    );
    expect(text).toContain(
      "My organization A sync of devices stopped as Needs review: It would remove 4 of 4 devices (100%).",
    );
    expect(text).toContain(`Northwind The client secret expires in 5 days (${inDays(5)}).`);
    expect(text).not.toContain("Quiet Ltd");
    expect(text).not.toContain("Fabrikam: ");
    for (const [name, id] of [
      ["Fabrikam", fabrikam.organizationId],
      ["My organization", mine],
      ["Northwind", northwind.organizationId],
    ]) {
      expect(html).toContain(`href="/settings/organizations/${id}">${name}</a>`);
    }
    expect(html).not.toContain("secret-expiry-warning");
  });
});
