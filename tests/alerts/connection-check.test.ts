import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { openAlertsFor } from "@/lib/alerts/queries";
import { testSavedConnection } from "@/lib/connections";
import { clearConnectionCheckAfterPassingTest } from "@/lib/alerts/connection-health";
import { connectionHealthCheck } from "@/inngest/connection-health-check";
import { checkConnection } from "@/inngest/check-connection";
import { connectionCheckRequested } from "@/lib/job-engine/events";
import { useInngestEventApi } from "../support/inngest-event-api";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { saveSettings } from "../sync/sync-harness";
import { runAlertSweep, useAlertWorld } from "./alert-harness";
import { soleOrganizationId } from "@/tests/support/database";

const { world, mails } = useAlertWorld();
const received = useInngestEventApi();

/**
 * One daily check through the real Inngest functions, in-process: the cron run sends one event per connection (to the
 * stand-in event API), and each event runs the check of its connection. Also what their steps gave Inngest to keep.
 */
async function runDailyCheck() {
  received.length = 0;
  const cron = await new InngestTestEngine({ function: connectionHealthCheck }).execute({
    events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
  });
  if (cron.error) throw cron.error;
  const result = { checked: 0, failing: 0, sent: 0 };
  const outputs: unknown[] = [];
  for (const event of received.filter((event) => event.name === connectionCheckRequested.name)) {
    const execution = await new InngestTestEngine({ function: checkConnection }).execute({ events: [event] as never });
    if (execution.error) throw execution.error;
    const { ok, sent } = execution.result as { ok: boolean; sent: number };
    result.checked++;
    if (!ok) result.failing++;
    result.sent += sent;
    outputs.push(
      ...(await Promise.all(
        Object.values(execution.state ?? {}).map((output) => output.catch((error) => String(error))),
      )),
    );
  }
  return { result, stepOutputs: JSON.stringify(outputs) };
}

describe("the daily connection check", () => {
  it("mails nothing while Test connection passes", async () => {
    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 0, sent: 0 });
    expect(mails()).toHaveLength(0);
  });

  it("mails once when a permission goes missing, not again the next day, and once when the check passes again", async () => {
    await saveSettings(world.admin, {
      clientId: CONTOSO.appWithoutDevices.clientId,
      secret: CONTOSO.appWithoutDevices.secret,
    });
    const first = await runDailyCheck();
    expect(first.result).toEqual({ checked: 1, failing: 1, sent: 1 });
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: Test connection fails"]);
    expect(mails()[0].text).toContain("Test connection would fail now:");
    expect(mails()[0].text).toContain("Device.Read.All");
    expect(first.stepOutputs).not.toContain(CONTOSO.appWithoutDevices.secret);
    expect((await openAlertsFor(world.admin)).map((a) => a.summary)).toEqual([
      expect.stringContaining("Device.Read.All"),
    ]);

    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 1, sent: 0 });
    expect(mails()).toHaveLength(1);

    await saveSettings(world.admin, { clientId: CONTOSO.goodApp.clientId, secret: CONTOSO.goodApp.secret });
    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 0, sent: 1 });
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: Test connection fails",
      "Vertask: Test connection passes again",
    ]);
    expect(await openAlertsFor(world.admin)).toEqual([]);
  });

  it("mails the classified reason when the secret has expired at Microsoft; a passing Test connection clears it", async () => {
    await saveSettings(world.admin, {
      clientId: CONTOSO.appWithExpiredSecret.clientId,
      secret: CONTOSO.appWithExpiredSecret.secret,
    });
    const { stepOutputs } = await runDailyCheck();
    expect(mails()).toHaveLength(1);
    expect(mails()[0].text).toMatch(/expired/i);
    expect(mails()[0].text).not.toContain(CONTOSO.appWithExpiredSecret.secret);
    expect(stepOutputs).not.toContain(CONTOSO.appWithExpiredSecret.secret);

    await saveSettings(world.admin, { clientId: CONTOSO.goodApp.clientId, secret: CONTOSO.goodApp.secret });
    // As the Test connection action does: a passing test clears the condition.
    const tested = await testSavedConnection(world.admin, await soleOrganizationId());
    expect(tested.ok).toBe(true);
    await clearConnectionCheckAfterPassingTest(tested.connectionId, new Date());
    expect(await openAlertsFor(world.admin)).toEqual([]);
    // The recovery mail goes with the next alert sweep; the daily check, which changes nothing, mails nothing.
    expect((await runDailyCheck()).result).toEqual({ checked: 1, failing: 0, sent: 0 });
    expect((await runAlertSweep()).sent).toBe(1);
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: Test connection fails",
      "Vertask: Test connection passes again",
    ]);
  });
});
