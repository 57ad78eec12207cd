// Next.js calls register() once as a server starts, before it answers any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/server-start/prepare-server");
  await prepareServer();
}
