// Runs a command with what the app needs on a fresh machine: a PostgreSQL (the embedded one
// unless DATABASE_URL is set) with migrations applied, and local secrets.
//   tsx lib/local/run.ts [--database NAME] [--fresh] [--with-job-engine] [--with-fake-tenant] [-- command args...]
// --with-fake-tenant: when `npm run fake-tenant` runs, the command talks to it (lib/local/fake-tenant-settings.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { createDatabaseIfMissing, migrateDatabase } from "@/db/migrate";
import { databaseUrl, startLocalDatabase, type LocalDatabase } from "@/db/embedded";
import { applyLocalSecrets } from "./local-secrets";
import { startInngestDevServer } from "./inngest-dev-server";
import { applyFakeTenantSettings, fakeTenantSettingsFile } from "./fake-tenant-settings";

function parseArguments(argv: string[]) {
  const split = argv.indexOf("--");
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const nameAt = own.indexOf("--database");
  return {
    databaseName: nameAt === -1 ? "vertask" : own[nameAt + 1],
    fresh: own.includes("--fresh"),
    withJobEngine: own.includes("--with-job-engine"),
    withFakeTenant: own.includes("--with-fake-tenant"),
    command,
  };
}

function runCommand(command: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: "inherit", env: process.env, shell: false });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const { databaseName, fresh, withJobEngine, withFakeTenant, command } = parseArguments(process.argv.slice(2));
  const fake = withFakeTenant ? applyFakeTenantSettings(process.env) : null;
  if (fake)
    console.log(
      `Microsoft Entra ID and Graph: the fake tenant at ${fake} (npm run fake-tenant left its address in ${path.relative(process.cwd(), fakeTenantSettingsFile())}).`,
    );
  let local: LocalDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    local = await startLocalDatabase();
    process.env.DATABASE_URL = databaseUrl(local.serverUrl, databaseName);
    await createDatabaseIfMissing(process.env.DATABASE_URL, { fresh });
    applyLocalSecrets(process.env);
    // The local Inngest dev server (npx inngest-cli dev) needs no signing or event key.
    process.env.INNGEST_DEV ??= "1";
    // Without an SMTP server, mail is kept in .data/mail and shown at /settings/mail.
    process.env.VERTASK_KEEP_MAIL_LOCALLY ??= "1";
  }
  await migrateDatabase(process.env.DATABASE_URL);
  const stopJobEngine =
    withJobEngine && !process.env.INNGEST_EVENT_KEY ? startInngestDevServer(process.env.PORT ?? "3000") : null;
  const code = command.length ? await runCommand(command) : 0;
  stopJobEngine?.();
  await local?.stop();
  process.exit(code);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
