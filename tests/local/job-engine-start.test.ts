import { describe, expect, it } from "vitest";
import { whyItStopped } from "@/lib/local/inngest-dev-server";

describe("why the Inngest dev server did not start, in one line of npm run dev", () => {
  it("names the failed download when the machine has no internet", () => {
    const log = [
      "FetchError: request to https://github.com/inngest/inngest/releases/download/v1.45.1/inngest_1.45.1_linux_amd64.tar.gz failed, reason: getaddrinfo ENOTFOUND github.com",
      "    at ClientRequest.<anonymous> (/root/.npm/_npx/84e0b49cabd4122d/node_modules/node-fetch/lib/index.js:1501:11)",
      "  code: 'ENOTFOUND'",
    ].join("\n");
    expect(whyItStopped(log)).toBe(
      "npx could not download the Inngest binary (request to https://github.com/inngest/inngest/releases/download/v1.45.1/inngest_1.45.1_linux_amd64.tar.gz failed, reason: getaddrinfo ENOTFOUND github.com)",
    );
  });

  it("quotes its last words otherwise, and says so when it printed nothing", () => {
    expect(whyItStopped("starting\nError: listen EADDRINUSE: address already in use :::8288\n")).toBe(
      "it said: Error: listen EADDRINUSE: address already in use :::8288",
    );
    expect(whyItStopped("")).toBe("it printed nothing");
  });
});
