// A stand-in for the Inngest server, for browser tests only: it takes the app's events on the event API
// (POST /e/{key}) and runs the real functions (syncs, invitations) in this process with @inngest/test.
//   INNGEST_STAND_IN_PORT=8299 tsx --conditions=react-server tests/inngest-stand-in/server.ts
// A second port (+1) controls it: POST /offline and /online close and reopen the event port.
// As Inngest runs a cron function, it runs the minute's delta poll (inngest/delta-poll-tick.ts) at each whole minute.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { InngestTestEngine } from "@inngest/test";
import { syncDevices } from "@/inngest/sync-devices";
import { syncUsers } from "@/inngest/sync-users";
import {
  connectionCheckRequested,
  deltaRequested,
  invitationsRequested,
  syncRequested,
  usersPreviewRequested,
} from "@/lib/job-engine/events";
import { checkConnection } from "@/inngest/check-connection";
import { previewUsers } from "@/inngest/preview-users";
import { sendPortalInvitations } from "@/inngest/send-portal-invitations";
import { deltaPollTick } from "@/inngest/delta-poll-tick";
import { syncDelta } from "@/inngest/sync-delta";

const eventPort = Number(process.env.INNGEST_STAND_IN_PORT ?? 8299);
type StandInFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"];
const functionFor: Record<string, StandInFunction> = {
  [syncRequested.users.name]: syncUsers,
  [syncRequested.devices.name]: syncDevices,
  [usersPreviewRequested.name]: previewUsers,
  [invitationsRequested.name]: sendPortalInvitations,
  [connectionCheckRequested.name]: checkConnection,
  [deltaRequested.name]: syncDelta,
};
const cronTimer = "inngest/scheduled.timer";

let queue = Promise.resolve();
const delivered: { name: string; error?: string }[] = [];

function readBody(request: IncomingMessage) {
  return new Promise<string>((resolve) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => resolve(body));
  });
}

function answer(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Runs one event's function after the ones before it: one run at a time, as the functions' concurrency limits ask. */
function enqueue(fn: StandInFunction, event: { name: string; data: Record<string, unknown> }) {
  queue = queue.then(async () => {
    const { error } = await new InngestTestEngine({ function: fn }).execute({ events: [event] as never });
    // The minute's ticks are listed only when they fail: what tests read here are the events the app sent.
    if (event.name !== cronTimer || error)
      delivered.push({ name: event.name, error: error ? String((error as Error).message ?? error) : undefined });
  });
}

/** The delta poll's cron ("* * * * *"): at each whole minute, as Inngest would. */
function runTheMinutesPollEachMinute() {
  setTimeout(
    () => {
      enqueue(deltaPollTick, { name: cronTimer, data: {} });
      runTheMinutesPollEachMinute();
    },
    60_000 - (Date.now() % 60_000),
  );
}

async function takeEvents(request: IncomingMessage, response: ServerResponse) {
  if (request.method !== "POST" || !request.url?.startsWith("/e/"))
    return answer(response, 404, { error: "not found" });
  const parsed = JSON.parse(await readBody(request));
  const events: { name: string; data: Record<string, unknown> }[] = Array.isArray(parsed) ? parsed : [parsed];
  answer(response, 200, { ids: events.map((_, i) => `stand-in-${delivered.length + i}`), status: 200 });
  for (const event of events) {
    const fn = functionFor[event.name];
    if (fn) enqueue(fn, event);
  }
}

let eventServer: Server | null = null;
const online = () =>
  new Promise<void>((resolve) => {
    if (eventServer) return resolve();
    eventServer = createServer((request, response) => void takeEvents(request, response));
    eventServer.listen(eventPort, "127.0.0.1", resolve);
  });
const offline = () =>
  new Promise<void>((resolve) => {
    if (!eventServer) return resolve();
    eventServer.closeAllConnections();
    eventServer.close(() => resolve());
    eventServer = null;
  });

createServer(async (request, response) => {
  if (request.method === "POST" && request.url === "/offline") await offline();
  if (request.method === "POST" && request.url === "/online") await online();
  runTheMinutesPollEachMinute();
  if (request.url === "/idle") await queue;
  answer(response, 200, { online: Boolean(eventServer), delivered });
}).listen(eventPort + 1, "127.0.0.1");

await online();
runTheMinutesPollEachMinute();
console.log(`Inngest stand-in: events on http://127.0.0.1:${eventPort}, control on ${eventPort + 1}`);
