// `npm run fake-tenant -- [--port 4443] [--users 250] [--devices 120] [--seed contoso] [--latency-ms 0]`
// Starts the fake Entra ID and Graph for a person trying Vertask, and prints what to paste and run. Where it
// listens goes to .data/fake-tenant.json, which `npm run dev` and `npm run sync` read as they start.
// FAKE_ENTRA_PORT sets the default port (a second checkout, or a test, runs one beside yours).
import path from "node:path";
import { caFileForNode } from "./certificates";
import { CONTOSO, PROVIDER } from "./default-tenants";
import { startFakeEntra } from "./server";
import {
  fakeTenantSettingsFile,
  removeFakeTenantSettings,
  writeFakeTenantSettings,
} from "@/lib/local/fake-tenant-settings";

function option(name: string, fallback: string) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}

function wholeNumber(name: string, fallback: number) {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
  return value;
}

async function main() {
  const fake = await startFakeEntra({
    port: wholeNumber("port", Number(process.env.FAKE_ENTRA_PORT ?? 4443)),
    users: wholeNumber("users", 250),
    devices: wholeNumber("devices", 120),
    seed: option("seed", "contoso"),
  });
  const latency = wholeNumber("latency-ms", 0);
  if (latency) fake.control.setLatency({ ms: latency, target: "graph" });
  const caFile = path.relative(process.cwd(), await caFileForNode());
  writeFakeTenantSettings(fake.url, caFile);
  const tenant = fake.tenant();
  const keyFile = path.relative(process.cwd(), path.join(path.dirname(fake.caFile), "app-private-key.pem"));
  const multiTenantKeyFile = path.relative(
    process.cwd(),
    path.join(path.dirname(fake.caFile), "multi-tenant-app-private-key.pem"),
  );
  const consentQuery = new URLSearchParams({
    client_id: PROVIDER.multiTenantApp.clientId,
    scope: `${fake.url}/.default`,
    redirect_uri: PROVIDER.redirectUris[0],
    state: "try-it",
  });
  const row = (label: string, value: string) => `  ${label.padEnd(26)}${value}`;

  console.log(
    [
      `Fake Microsoft Entra ID and Microsoft Graph on ${fake.url}`,
      `${tenant.displayName}: ${option("users", "250")} users, ${option("devices", "120")} devices (seed "${option("seed", "contoso")}")`,
      `  groups: ${fake.control
        .groups()
        .map((g) => g.displayName)
        .join(", ")} (All Staff holds Sales and Engineering, Engineering holds Platform Team)`,
      `  service accounts: ${
        tenant
          .serviceAccounts()
          .map((a) => a.userPrincipalName.split("@")[0])
          .join(", ") || "none (fewer than 50 users)"
      }`,
      "",
      "Paste into Vertask (Settings → Integrations → Azure User Sync); this app has User.Read.All, Device.Read.All, GroupMember.Read.All and DeviceManagementManagedDevices.Read.All (Intune):",
      row("Directory (tenant) ID", CONTOSO.tenantId),
      row("Application (client) ID", CONTOSO.goodApp.clientId),
      row("Client secret", CONTOSO.goodApp.secret),
      "",
      "Other apps in this tenant, to see what goes wrong (Application (client) ID / Client secret):",
      row("with User.Read.All only", `${CONTOSO.appWithoutDevices.clientId} / ${CONTOSO.appWithoutDevices.secret}`),
      row(
        "with an expired secret",
        `${CONTOSO.appWithExpiredSecret.clientId} / ${CONTOSO.appWithExpiredSecret.secret}`,
      ),
      row("without admin consent", `${CONTOSO.appWithoutConsent.clientId} / ${CONTOSO.appWithoutConsent.secret}`),
      row("the secret's ID (wrong)", CONTOSO.goodApp.secretId),
      `  The good app also takes a certificate: private key ${keyFile}, SHA-256 thumbprint ${fake.appCertificate.thumbprintSha256}`,
      "",
      `${PROVIDER.displayName}, an IT provider, has a multi-tenant app; Contoso and Fabrikam have not consented to it yet:`,
      row("Application (client) ID", PROVIDER.multiTenantApp.clientId),
      row("Client secret", PROVIDER.multiTenantApp.secret),
      row("Redirect URIs", PROVIDER.redirectUris.join(", ")),
      `  It also takes a certificate: private key ${multiTenantKeyFile}, SHA-256 thumbprint ${fake.multiTenantAppCertificate.thumbprintSha256}`,
      `  An administrator consents at ${fake.url}/organizations/v2.0/adminconsent?${consentQuery}`,
      "",
      `npm run dev and npm run sync, started from now on, use this fake tenant: its address is in ${path.relative(process.cwd(), fakeTenantSettingsFile())} (removed when it stops).`,
      "Start the app in another terminal with npm run dev; if it is already running, stop it (Ctrl+C) and start it again.",
      "",
      "Change the tenant while it runs, e.g.:",
      `  curl --cacert ${caFile} -X POST ${fake.url}/_control/disableUser -d '{"id":"${tenant.userIdAt(0)}"}'`,
      `  curl --cacert ${caFile} -X POST ${fake.url}/_control/addGroupMember -d '{"groupId":"${fake.control.groupByName({ name: "Sales" }).id}","memberId":"${tenant.userIdAt(0)}"}'`,
      `  curl --cacert ${caFile} -X POST ${fake.url}/_control/failNextRequests -d '{"count":2,"status":429,"retryAfterSeconds":1}'`,
      `  curl --cacert ${caFile} -X POST ${fake.url}/_control/addTenants -d '{"count":3,"users":50,"seed":"customers"}'`,
      `  curl --cacert ${caFile} -X POST ${fake.url}/_control/grantAdminConsent -d '{"tenantId":"${CONTOSO.tenantId}"}'`,
      `  curl --cacert ${caFile} -X POST ${fake.url}/_control/signInAs -d '{"tenantId":"${CONTOSO.tenantId}","userId":"${tenant.userIdAt(0)}"}'`,
      "  (operations: tests/fake-entra/control.ts, multi-tenant-control.ts, sign-in-control.ts and subscription-control.ts)   Stop with Ctrl+C.",
    ].join("\n"),
  );

  const stop = () => {
    removeFakeTenantSettings();
    void fake.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
