import "server-only";
import { connect } from "node:net";

export type JobEngineStatus = { reachable: boolean; where: string };

/**
 * Whether "Sync … now" can reach the job engine: Inngest Cloud when an event key is set, otherwise the
 * dev server named by INNGEST_DEV (default localhost:8288), checked with a quick connection attempt.
 */
export async function jobEngineStatus(env = process.env): Promise<JobEngineStatus> {
  if (env.INNGEST_EVENT_KEY && !env.INNGEST_DEV) return { reachable: true, where: "Inngest Cloud" };
  const devUrl = env.INNGEST_DEV && /^https?:/.test(env.INNGEST_DEV) ? env.INNGEST_DEV : (env.INNGEST_BASE_URL ?? "http://localhost:8288");
  const url = new URL(devUrl);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: url.hostname, port, timeout: 500 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
  return { reachable, where: url.origin };
}
