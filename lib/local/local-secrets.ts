// Secrets for a machine with no configuration: made once, kept in .data/ (never committed).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const secretsFile = path.resolve(".data/local-secrets.json");

type LocalSecrets = { NEXTAUTH_SECRET: string; VERTASK_ENCRYPTION_KEY: string };

function readOrCreate(): LocalSecrets {
  if (existsSync(secretsFile)) return JSON.parse(readFileSync(secretsFile, "utf8"));
  const secrets: LocalSecrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    VERTASK_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(path.dirname(secretsFile), { recursive: true });
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fills in each secret the environment does not set. */
export function applyLocalSecrets(env: NodeJS.ProcessEnv) {
  for (const [name, value] of Object.entries(readOrCreate())) env[name] ??= value;
}
