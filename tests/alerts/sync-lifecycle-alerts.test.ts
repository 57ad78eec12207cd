import { describe, expect, it } from "vitest";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { runSyncFunction, saveSettings } from "../sync/sync-harness";
import { useAlertWorld } from "./alert-harness";

const { world, mails } = useAlertWorld();

describe("alerts from real syncs", () => {
  it("a sync failing for a wrong secret mails once with the fix; repeats mail nothing; the first good sync after mails once", async () => {
    await saveSettings(world.admin, { secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" });
    for (let i = 0; i < 3; i++) expect((await runSyncFunction("users")).run.status).toBe("failed");
    expect(mails().map((m) => m.subject)).toEqual(["Vertask: syncing users failed"]);
    expect(mails()[0].text).toContain("Microsoft Entra ID did not accept the Client secret");
    expect(mails()[0].text).not.toContain("thisIsNotTheRightSecretValue");

    await saveSettings(world.admin, { secret: CONTOSO.goodApp.secret });
    expect((await runSyncFunction("users")).run.status).toBe("succeeded");
    expect(mails().map((m) => m.subject)).toEqual([
      "Vertask: syncing users failed",
      "Vertask: users are syncing again",
    ]);
  });

  it("a sync that succeeds with nothing open mails nothing", async () => {
    expect((await runSyncFunction("devices")).run.status).toBe("succeeded");
    expect(mails()).toHaveLength(0);
  });
});
