// The provider's multi-tenant app's credential expires like a connection's: the same 30, 7 and 1-day and expired
// stages, each mailed once, a mail when it clears, and a warning on the banner, always naming the provider app.
import { eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { db } from "@/db/client";
import { credentials, entraConnections } from "@/db/schema";
import { staffBannerFor } from "@/lib/alerts/queries";
import { refreshSecretExpiryAlerts } from "@/lib/alerts/secret-expiry-alert";
import type { Actor } from "@/lib/auth/authorize";
import { saveProviderApp } from "@/lib/consent";
import { providerAppForm } from "@/lib/credentials";
import { StaffBanner } from "@/app/_components/staff-banner";
import { PROVIDER } from "@/tests/fake-entra/default-tenants";
import { appUrl, daysFrom, isoDate, runAlertSweep, today, useAlertWorld } from "./alert-harness";

const { world, mails, mailsOn } = useAlertWorld();

/** Saves the provider app's "Client secret expires on" as its page's action does (then the alert). */
async function saveProviderExpiry(admin: Actor, expiresOn: string, now = new Date()) {
  const form = providerAppForm.parse({
    clientId: PROVIDER.multiTenantApp.clientId,
    clientSecret: PROVIDER.multiTenantApp.secret,
    clientSecretExpiresOn: expiresOn,
  });
  await saveProviderApp(admin, form, now);
  await refreshSecretExpiryAlerts(now);
}

describe("the provider app's credential expiry", () => {
  it("is mailed once at each stage (30, 7 and 1 days, expired), naming the provider app, and once when a new date clears it", async () => {
    const expiresOn = daysFrom(today, 40);
    await saveProviderExpiry(world.admin, isoDate(expiresOn));

    expect(await mailsOn(daysFrom(expiresOn, -31))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -30))).toEqual([
      "Vertask: Provider app: the client secret expires within 30 days",
    ]);
    expect(mails()[0].text).toContain(
      `Provider app: The provider app's client secret expires in 30 days (${isoDate(expiresOn)})`,
    );
    expect(mails()[0].text).toContain(`Provider app: ${appUrl}/settings/organizations/provider-app`);
    expect(mails()[0].text).not.toContain(PROVIDER.multiTenantApp.secret);
    expect(await mailsOn(daysFrom(expiresOn, -29))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -7))).toEqual([
      "Vertask: Provider app: the client secret expires within 7 days",
    ]);
    expect(await mailsOn(daysFrom(expiresOn, -1))).toEqual([
      "Vertask: Provider app: the client secret expires within 1 day",
    ]);
    expect(await mailsOn(daysFrom(expiresOn, 0))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, 1))).toEqual(["Vertask: Provider app: the client secret has expired"]);
    expect(mails().at(-1)!.text).toContain(`The provider app's client secret expired on ${isoDate(expiresOn)}`);
    expect(await mailsOn(daysFrom(expiresOn, 20))).toEqual([]);

    await saveProviderExpiry(world.admin, isoDate(daysFrom(today, 365)));
    await runAlertSweep();
    expect(mails().at(-1)!.subject).toBe("Vertask: Provider app: the client secret is no longer about to expire");
    expect(mails()).toHaveLength(5);
  });

  it("is apart from the connection's own secret: both expiring give two conditions, two mails", async () => {
    await saveProviderExpiry(world.admin, isoDate(daysFrom(today, 5)));
    await db
      .update(credentials)
      .set({ clientSecretExpiresOn: isoDate(daysFrom(today, 20)) })
      .where(isNotNull(credentials.connectionId));
    expect((await mailsOn(today)).sort()).toEqual([
      "Vertask: Provider app: the client secret expires within 7 days",
      "Vertask: the client secret expires within 30 days",
    ]);
  });

  it("of a certificate, says so: its own date and what to upload", async () => {
    await saveProviderExpiry(world.admin, "");
    // As a certificate upload leaves the row (its key encrypted, its date read from the certificate), the secret gone.
    await db
      .update(credentials)
      .set({
        clientSecretCiphertext: null,
        certificateKeyCiphertext: "v1.stored",
        certificateExpiresOn: isoDate(daysFrom(today, 5)),
      })
      .where(eq(credentials.providerAppId, true));
    expect(await mailsOn(today)).toHaveLength(1);
    expect(mails().at(-1)!.text).toContain(
      `The provider app's certificate expires in 5 days (${isoDate(daysFrom(today, 5))})`,
    );
    expect(mails().at(-1)!.text).toContain("Upload a new certificate in its Certificates & secrets");
  });

  it("is the only one said for an organization connected by the provider's app, whatever a secret of its own left from before says", async () => {
    await saveProviderExpiry(world.admin, isoDate(daysFrom(today, 200)));
    await db
      .update(credentials)
      .set({ clientSecretExpiresOn: isoDate(daysFrom(today, 5)) })
      .where(isNotNull(credentials.connectionId));
    await db.update(entraConnections).set({ method: "provider_app" });
    expect(await mailsOn(today)).toEqual([]);
    expect(await staffBannerFor(world.admin, today)).toMatchObject({ providerAppExpiry: null, organizations: [] });
  });

  it("warns on the banner, live from the date, with a link to the provider app's page", async () => {
    await saveProviderExpiry(world.admin, isoDate(daysFrom(today, 3)));
    const banner = await staffBannerFor(world.admin, today);
    expect(banner).toMatchObject({ providerAppExpiry: { state: "expiring", daysLeft: 3 }, organizations: [] });
    const html = renderToStaticMarkup(createElement(StaffBanner, { banner }));
    expect(html).toContain(`The provider app&#x27;s client secret expires in 3 days (${isoDate(daysFrom(today, 3))})`);
    expect(html).toContain(`href="/settings/organizations/provider-app">Open Provider app</a>`);
  });
});
