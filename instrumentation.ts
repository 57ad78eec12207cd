// Next.js calls register() once when a server starts, before it serves requests.
export async function register() {
  // Only the Node.js server reaches the database, and a build has nobody to tell.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { announceSetupCode } = await import("@/lib/staff/announce-setup-code");
  // Not awaited: a slow database must not hold the server's start.
  void announceSetupCode();
}
