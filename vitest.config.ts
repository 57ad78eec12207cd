import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve("."),
      // Outside Next.js, "server-only" has nothing to guard against.
      "server-only": path.resolve("node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "db/**/*.test.ts", "inngest/**/*.test.ts"],
    environment: "node",
    // Makes the fake Entra tenant's certificate and points the workers' NODE_EXTRA_CA_CERTS at it.
    globalSetup: ["tests/fake-entra/vitest-global-setup.ts"],
    // Suites share one real database; running files one at a time keeps them independent.
    fileParallelism: false,
    // The Inngest client reads this when it is created: tests that send events stand in for it on this port.
    // Mail sent without an SMTP server is kept here, apart from the development mailbox.
    // TEST_INNGEST_PORT lets two checkouts run their tests side by side.
    env: {
      INNGEST_DEV: `http://127.0.0.1:${process.env.TEST_INNGEST_PORT ?? 18288}`,
      VERTASK_MAIL_DIR: ".data/test-mail",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ["next-auth"] } },
  },
});
