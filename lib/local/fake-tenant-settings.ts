// `npm run fake-tenant` leaves where it listens in a file; `npm run dev` and `npm run sync` read it at start, so
// nobody exports variables by hand. The file goes when the fake stops; one left by a killed fake is ignored.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const fakeTenantSettingsFile = () =>
  path.resolve(process.env.VERTASK_FAKE_TENANT_FILE ?? ".data/fake-tenant.json");

type FakeTenantSettings = {
  AZURE_AUTHORITY_HOST: string;
  GRAPH_BASE_URL: string;
  NODE_EXTRA_CA_CERTS: string;
  pid: number;
};

export function writeFakeTenantSettings(url: string, caFile: string) {
  const settings: FakeTenantSettings = {
    AZURE_AUTHORITY_HOST: url,
    GRAPH_BASE_URL: url,
    NODE_EXTRA_CA_CERTS: path.resolve(caFile),
    pid: process.pid,
  };
  mkdirSync(path.dirname(fakeTenantSettingsFile()), { recursive: true });
  writeFileSync(fakeTenantSettingsFile(), JSON.stringify(settings, null, 2));
}

export function removeFakeTenantSettings() {
  rmSync(fakeTenantSettingsFile(), { force: true });
}

function running(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Points this process's environment at the running fake tenant, unless the environment names Microsoft's
 * endpoints itself. Returns the fake's address when it did. Refused in production: the file would send the
 * tenant's credentials and tokens to whatever address it names, and trust the certificate it names.
 */
export function applyFakeTenantSettings(env: NodeJS.ProcessEnv): string | null {
  const file = fakeTenantSettingsFile();
  if (env.AZURE_AUTHORITY_HOST || env.GRAPH_BASE_URL || !existsSync(file)) return null;
  if (env.NODE_ENV === "production") {
    throw new Error(
      `${path.relative(process.cwd(), file)} (npm run fake-tenant) is not used in production: remove it, or set AZURE_AUTHORITY_HOST and GRAPH_BASE_URL.`,
    );
  }
  const settings = JSON.parse(readFileSync(file, "utf8")) as FakeTenantSettings;
  if (!running(settings.pid)) return null;
  env.AZURE_AUTHORITY_HOST = settings.AZURE_AUTHORITY_HOST;
  env.GRAPH_BASE_URL = settings.GRAPH_BASE_URL;
  // The fake's bundle already holds the CA file the environment named, if any (tests/fake-entra/certificates.ts).
  env.NODE_EXTRA_CA_CERTS = settings.NODE_EXTRA_CA_CERTS;
  return settings.AZURE_AUTHORITY_HOST;
}
