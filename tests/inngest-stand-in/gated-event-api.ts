// Inngest's event API in this process, for tests and the benchmark: every event it takes is run by its function
// (in-process, with @inngest/test) once the function's own concurrency limits give it a slot (concurrency-gate.ts).
import { createServer, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { ConcurrencyGate, limitsOf, type ConcurrencyLimit } from "./concurrency-gate";

type StandInFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"] & {
  id: () => string;
  opts: { concurrency?: unknown };
};
export type SentEvent = { name: string; data: Record<string, unknown> };
/** Runs one event's function; the error it ended with, if any. */
export type RunEvent = (fn: StandInFunction, event: SentEvent) => Promise<unknown>;

// @inngest/test keeps every step mock it ever made (with its calls and results) in a module-level set, and so does
// tinyspy, which makes them, for restoring them all. Neither set is exported through the package's entry, so they
// are reached by file; both are emptied after each run, else about 0.65 MB a run stays.
const inngestTestEntry = createRequire(import.meta.url).resolve("@inngest/test");
const requireAsInngestTest = createRequire(inngestTestEntry);
const mocksKept: Set<unknown>[] = [
  requireAsInngestTest(path.join(path.dirname(inngestTestEntry), "spy.js")).mocks,
  requireAsInngestTest("tinyspy").spies,
];

/** The function itself, run by @inngest/test. */
export const runWithInngestTest: RunEvent = async (fn, event) => {
  const { error } = await new InngestTestEngine({ function: fn }).execute({ events: [event] as never });
  for (const kept of mocksKept) kept.clear();
  return error;
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => resolve(body));
  });

/** Listens on `port` (what INNGEST_DEV names); `functionFor` maps event names to the functions they trigger. */
export async function startGatedEventApi(
  port: number,
  functionFor: Record<string, StandInFunction>,
  runEvent: RunEvent = runWithInngestTest,
) {
  const gate = new ConcurrencyGate();
  const runs: Promise<void>[] = [];
  const failures: string[] = [];
  const deliver = (event: SentEvent) => {
    const fn = functionFor[event.name];
    if (!fn) return Promise.resolve();
    return gate.run(fn.id(), limitsOf(fn.opts.concurrency as ConcurrencyLimit[] | undefined), event, async () => {
      const error = await runEvent(fn, event);
      if (error) failures.push(`${event.name}: ${String((error as Error).message ?? error)}`);
    });
  };
  const server = createServer(async (request, response) => {
    const parsed = JSON.parse(await readBody(request));
    const events: SentEvent[] = Array.isArray(parsed) ? parsed : [parsed];
    for (const event of events) runs.push(deliver(event));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ ids: events.map((_, i) => `stand-in-${runs.length + i}`), status: 200 }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    gate,
    failures,
    /** Waits for every run of the events taken so far. */
    settled: () => Promise.all(runs).then(() => undefined),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
