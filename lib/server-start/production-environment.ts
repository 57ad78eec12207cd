/**
 * What a production start must be given: without each of these, Vertask would fall back to something
 * meant only for a development machine (an embedded database, local secrets, a local mailbox). The local
 * mailbox can still be asked for on purpose (VERTASK_KEEP_MAIL_LOCALLY=1 instead of SMTP_URL); the Inngest
 * dev mode cannot (see refusedSettings).
 */
function missingProductionVariables(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "VERTASK_ENCRYPTION_KEY"]) if (!env[name]) missing.push(name);
  if (!env.SMTP_URL && env.VERTASK_KEEP_MAIL_LOCALLY !== "1") missing.push("SMTP_URL");
  // Only a signature proves that a call to /api/inngest comes from Inngest.
  if (!env.INNGEST_SIGNING_KEY) missing.push("INNGEST_SIGNING_KEY");
  // The sign-in limits per address need the address the proxy saw; a client reaching the app directly is said so.
  if (!env.VERTASK_TRUSTED_PROXY_HEADER?.trim() && env.VERTASK_DIRECT_CONNECTIONS !== "1") {
    missing.push("VERTASK_TRUSTED_PROXY_HEADER (or VERTASK_DIRECT_CONNECTIONS=1 when clients reach the app directly)");
  }
  return missing;
}

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether an address would send session cookies and links over plain HTTP to anything but this machine. */
function plainHttpElsewhere(address: string | undefined) {
  if (!address) return false;
  try {
    const url = new URL(address);
    return url.protocol === "http:" && !localHosts.has(url.hostname);
  } catch {
    return false;
  }
}

/** Settings a production start refuses whatever else is set: each as what to do about it. */
function refusedSettings(env: NodeJS.ProcessEnv): string[] {
  const refused: string[] = [];
  // The Inngest SDK's dev mode checks no signature at all, even with a signing key set.
  if (env.INNGEST_DEV) refused.push("remove INNGEST_DEV (the Inngest dev mode takes unsigned calls to /api/inngest)");
  for (const name of ["NEXTAUTH_URL", "APP_URL"]) {
    if (plainHttpElsewhere(env[name])) refused.push(`make ${name} an https:// address (http:// is for localhost only)`);
  }
  return refused;
}

/** The one line a refused production start prints, or null when it may start. */
export function productionStartRefusal(env: NodeJS.ProcessEnv): string | null {
  const missing = missingProductionVariables(env);
  const problems = [...(missing.length ? [`set ${missing.join(", ")}`] : []), ...refusedSettings(env)];
  if (problems.length === 0) return null;
  return `Vertask will not start in production: ${problems.join("; ")} (see docs/operations.md, Running in production).`;
}
