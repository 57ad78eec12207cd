// Next.js calls register() once as a server starts, before it answers any request.
export async function register() {
  // Only the Node.js server reaches the database, and a build has nobody to tell.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { prepareServer } = await import("@/lib/server-start/prepare-server");
  await prepareServer();
  const { announceSetupCode } = await import("@/lib/staff/announce-setup-code");
  // Not awaited: it only prints the setup code while nobody has claimed this instance.
  void announceSetupCode();
}
