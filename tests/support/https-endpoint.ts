// A local HTTPS server, with the fake tenant's certificate (trusted through NODE_EXTRA_CA_CERTS), that hands each
// request to a fetch-style handler: a Next.js route handler as the app serves it, or a test's own answer.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { serverCertificate } from "@/tests/fake-entra/certificates";

export type HttpsEndpoint = { url: string; close: () => Promise<void> };

export async function startHttpsEndpoint(handle: (request: Request) => Promise<Response>): Promise<HttpsEndpoint> {
  const tls = await serverCertificate();
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const method = incoming.method ?? "GET";
      const request = new Request(`https://localhost${incoming.url ?? "/"}`, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      try {
        const response = await handle(request);
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        outgoing.writeHead(500, { "content-type": "text/plain" });
        outgoing.end(error instanceof Error ? error.message : String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
