/**
 * What a production start must be given: without each of these, Vertask would fall back to something
 * meant only for a development machine (an embedded database, local secrets, a local mailbox, the
 * Inngest dev mode). Development fallbacks stay available when asked for on purpose:
 * VERTASK_KEEP_MAIL_LOCALLY=1 instead of SMTP_URL, INNGEST_DEV=1 (or its URL) instead of a signing key.
 */
export function missingProductionVariables(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "VERTASK_ENCRYPTION_KEY"]) if (!env[name]) missing.push(name);
  if (!env.SMTP_URL && env.VERTASK_KEEP_MAIL_LOCALLY !== "1") missing.push("SMTP_URL");
  if (!env.INNGEST_SIGNING_KEY && !env.INNGEST_DEV) missing.push("INNGEST_SIGNING_KEY");
  return missing;
}

/** The one line a refused production start prints, or null when nothing is missing. */
export function productionStartRefusal(env: NodeJS.ProcessEnv): string | null {
  const missing = missingProductionVariables(env);
  if (missing.length === 0) return null;
  return `Vertask will not start in production: set ${missing.join(", ")} (see README, Running in production).`;
}
