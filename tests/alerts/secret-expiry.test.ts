import { describe, expect, it } from "vitest";
import { openAlertsFor, staffBannerFor } from "@/lib/alerts/queries";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";
import { saveSyncSettings, syncSettingsForm } from "@/lib/connections";
import { refreshSecretExpiryAlerts } from "@/lib/alerts/secret-expiry-alert";
import type { Actor } from "@/lib/auth/authorize";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { daysFrom, isoDate, runAlertSweep, today, useAlertWorld } from "./alert-harness";
import { soleOrganizationId } from "@/tests/support/database";

const { world, mails, mailsOn } = useAlertWorld();

/** Saves "Client secret expires on" as the settings action does (then the alert), keeping the stored secret. */
async function saveExpiryDate(admin: Actor, expiresOn: string, now = new Date()) {
  const form = syncSettingsForm.parse({
    organizationId: await soleOrganizationId(),
    status: "enabled",
    syncFrequency: "manual",
    clientId: CONTOSO.goodApp.clientId,
    tenantId: CONTOSO.tenantId,
    clientSecret: "",
    clientSecretExpiresOn: expiresOn,
    syncExternalUsers: "no",
    inviteToPortal: "no",
  });
  const message = await saveSyncSettings(admin, form, now);
  await refreshSecretExpiryAlerts(now);
  return message;
}

describe("the client secret's expiry", () => {
  it("is mailed once as each stage is reached (30, 7 and 1 days, expired), and once when a date far away is saved", async () => {
    const expiresOn = daysFrom(today, 40);
    await saveExpiryDate(world.admin, isoDate(expiresOn));

    expect(await mailsOn(daysFrom(expiresOn, -40))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -31))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -30))).toEqual(["Vertask: the client secret expires within 30 days"]);
    expect(mails()[0].text).toContain(`The client secret expires in 30 days (${isoDate(expiresOn)}).`);
    expect(await mailsOn(daysFrom(expiresOn, -29))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -8))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -7))).toEqual(["Vertask: the client secret expires within 7 days"]);
    expect(await mailsOn(daysFrom(expiresOn, -3))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, -1))).toEqual(["Vertask: the client secret expires within 1 day"]);
    expect(await mailsOn(daysFrom(expiresOn, 0))).toEqual([]);
    expect(await mailsOn(daysFrom(expiresOn, 1))).toEqual(["Vertask: the client secret has expired"]);
    expect(mails().at(-1)!.text).toContain(`The client secret expired on ${isoDate(expiresOn)}`);
    expect(await mailsOn(daysFrom(expiresOn, 20))).toEqual([]);

    // A new secret's date, a year away: saving it clears the alert, and the sweep sends the one mail.
    await saveExpiryDate(world.admin, isoDate(daysFrom(today, 365)));
    await runAlertSweep();
    expect(mails().at(-1)!.subject).toBe("Vertask: the client secret is no longer about to expire");
    expect(mails()).toHaveLength(5);
    expect(await mailsOn(today)).toEqual([]);
  });

  it("clears when the date is removed, and first warns at the stage already reached", async () => {
    await saveExpiryDate(world.admin, isoDate(daysFrom(today, 5)));
    expect(await mailsOn(today)).toEqual(["Vertask: the client secret expires within 7 days"]);
    await saveExpiryDate(world.admin, "");
    expect(await mailsOn(today)).toEqual(["Vertask: the client secret is no longer about to expire"]);
  });

  it("a later date still within 30 days is not mailed, and the 7-day stage is mailed again when it comes", async () => {
    await saveExpiryDate(world.admin, isoDate(daysFrom(today, 5)));
    expect(await mailsOn(today)).toEqual(["Vertask: the client secret expires within 7 days"]);
    await saveExpiryDate(world.admin, isoDate(daysFrom(today, 20)));
    expect(await mailsOn(today)).toEqual([]);
    expect(await mailsOn(daysFrom(today, 13))).toEqual(["Vertask: the client secret expires within 7 days"]);
  });

  it("is warned about once on a page: live from the date, and left out of the alert banner", async () => {
    await saveExpiryDate(world.admin, isoDate(daysFrom(today, 10)));
    await evaluateTimedAlerts(today);
    expect(await staffBannerFor(world.admin, today)).toMatchObject({
      severalOrganizations: false,
      organizations: [{ expiry: { state: "expiring", daysLeft: 10 }, alerts: [] }],
      providerAppExpiry: null,
    });
    expect(await openAlertsFor(world.admin)).toEqual([]);
  });
});
