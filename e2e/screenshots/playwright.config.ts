import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// `npm run screenshots`: the browser tests' own setup (production build, fake tenant, job engine stand-in), with
// one script instead of the specs. Its servers start from the checkout's root, as they do for the specs.
const root = new URL("../../", import.meta.url).pathname;
const servers = Array.isArray(base.webServer) ? base.webServer : [];

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "take-screenshots.ts",
  timeout: 300_000,
  webServer: servers.map((server) => ({ ...server, cwd: root })),
});
