import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { openAlertsFor } from "@/lib/alerts/queries";
import { testSavedConnection } from "@/lib/sync-settings/test-connection";
import { clearConnectionCheckAfterPassingTest } from "@/lib/alerts/connection-health";
import { connectionHealthCheck } from "@/inngest/connection-health-check";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { saveSettings } from "../sync/sync-harness";
import { useAlertWorld } from "./alert-harness";

const { world, mails } = useAlertWorld();

/** One daily check through the real Inngest function, in-process; also what its steps gave Inngest to keep. */
async function runDailyCheck() {
  const execution = await new InngestTestEngine({ function: connectionHealthCheck }).execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] as never });
  if (execution.error) throw execution.error;
  const outputs = await Promise.all(Object.values(execution.state ?? {}).map((output) => output.catch((error) => String(error))));
  return { result: execution.result as { checked: number; failing: number; sent: number }, stepOutputs: JSON.stringify(outputs) };
}

describe("the daily connection check", () => {
  it("mails nothing while Test connection passes", async () => {
    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 0, sent: 0 });
    expect(mails()).toHaveLength(0);
  });

  it("mails once when a permission goes missing, not again the next day, and once when the check passes again", async () => {
    await saveSettings(world.admin, { clientId: CONTOSO.appWithoutDevices.clientId, secret: CONTOSO.appWithoutDevices.secret });
    const first = await runDailyCheck();
    expect(first.result).toEqual({ checked: 1, failing: 1, sent: 1 });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: Test connection fails"]);
    expect(mails()[0].text).toContain("Test connection would fail now:");
    expect(mails()[0].text).toContain("Device.Read.All");
    expect(first.stepOutputs).not.toContain(CONTOSO.appWithoutDevices.secret);
    expect((await openAlertsFor(world.admin)).map((a) => a.summary)).toEqual([expect.stringContaining("Device.Read.All")]);

    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 1, sent: 0 });
    expect(mails()).toHaveLength(1);

    await saveSettings(world.admin, { clientId: CONTOSO.goodApp.clientId, secret: CONTOSO.goodApp.secret });
    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 0, sent: 1 });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: Test connection fails", "Vertask: Test connection passes again"]);
    expect(await openAlertsFor(world.admin)).toEqual([]);
  });

  it("mails the classified reason when the secret has expired at Microsoft; a passing Test connection clears it", async () => {
    await saveSettings(world.admin, { clientId: CONTOSO.appWithExpiredSecret.clientId, secret: CONTOSO.appWithExpiredSecret.secret });
    const { stepOutputs } = await runDailyCheck();
    expect(mails()).toHaveLength(1);
    expect(mails()[0].text).toMatch(/expired/i);
    expect(mails()[0].text).not.toContain(CONTOSO.appWithExpiredSecret.secret);
    expect(stepOutputs).not.toContain(CONTOSO.appWithExpiredSecret.secret);

    await saveSettings(world.admin, { clientId: CONTOSO.goodApp.clientId, secret: CONTOSO.goodApp.secret });
    // As the Test connection action does: a passing test clears the condition.
    expect((await testSavedConnection(world.admin)).ok).toBe(true);
    await clearConnectionCheckAfterPassingTest();
    expect(await openAlertsFor(world.admin)).toEqual([]);
    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 0, sent: 1 });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: Test connection fails", "Vertask: Test connection passes again"]);
  });
});
