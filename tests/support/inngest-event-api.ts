// Stands in for the Inngest event API (INNGEST_DEV in vitest.config.ts): records events, runs nothing.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach } from "vitest";

export type ReceivedEvent = { id?: string; name: string; data: Record<string, unknown> };

export function useInngestEventApi() {
  const received: ReceivedEvent[] = [];
  let server: Server;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const events = JSON.parse(body);
        received.push(...(Array.isArray(events) ? events : [events]));
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ ids: received.map((_, i) => String(i)), status: 200 }));
      });
    });
    await new Promise<void>((resolve) =>
      server.listen(Number(new URL(process.env.INNGEST_DEV!).port), "127.0.0.1", resolve),
    );
  });
  beforeEach(() => {
    received.length = 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return received;
}
