import "server-only";
import { connect } from "node:net";

export type JobEngineStatus = { reachable: boolean; where: string };

/**
 * Whether "Sync … now" can reach the job engine where the Inngest SDK sends events: self-hosted Inngest
 * (INNGEST_EVENT_API_BASE_URL or INNGEST_BASE_URL), the dev server INNGEST_DEV names (default localhost:8288),
 * each checked with a quick connection attempt; Inngest Cloud when only an event key is set.
 */
export async function jobEngineStatus(env = process.env): Promise<JobEngineStatus> {
  const devUrl = env.INNGEST_DEV && /^https?:/.test(env.INNGEST_DEV) ? env.INNGEST_DEV : undefined;
  const eventApi = env.INNGEST_EVENT_API_BASE_URL || env.INNGEST_BASE_URL || devUrl;
  if (!eventApi && env.INNGEST_EVENT_KEY && !env.INNGEST_DEV) return { reachable: true, where: "Inngest Cloud" };
  const url = new URL(eventApi ?? "http://localhost:8288");
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
