// What a production start refuses, as instrumentation.ts runs it (prepareServer): one line, naming each variable.
import { afterEach, describe, expect, it, vi } from "vitest";
import { prepareServer } from "@/lib/server-start/prepare-server";

afterEach(() => vi.restoreAllMocks());

/** Everything a production start needs; the database is never reached, as each case stops before it. */
const ready = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://nowhere.invalid/none",
  NEXTAUTH_SECRET: "production-start-test-secret-0123456789",
  NEXTAUTH_URL: "https://vertask.example.com",
  VERTASK_ENCRYPTION_KEY: "cHJvZHVjdGlvbi1zdGFydC10ZXN0LWtleS0wMTIzNDU=",
  SMTP_URL: "smtp://mail.example.com:587",
  INNGEST_SIGNING_KEY: `signkey-prod-${"ab".repeat(32)}`,
  VERTASK_TRUSTED_PROXY_HEADER: "x-forwarded-for",
} as const;

/** The line a start with this environment prints before it exits, or null when it goes on to the database. */
async function refusal(env: Record<string, string | undefined>): Promise<string | null> {
  const said = vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(process, "exit").mockImplementation(((code: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  // Without a refusal the start goes on to migrate, which fails on the unreachable database instead.
  const outcome = await prepareServer(env as NodeJS.ProcessEnv).then(
    () => "started",
    (error: Error) => error.message,
  );
  const lines = said.mock.calls.map((call) => call[0] as string);
  vi.restoreAllMocks();
  if (outcome !== "exit 1") return null;
  expect(lines).toHaveLength(1);
  return lines[0];
}

const without = (name: keyof typeof ready) => ({ ...ready, [name]: undefined });

describe("a production start", () => {
  it("with everything set gets past the checks (to the database)", async () => {
    expect(await refusal(ready)).toBeNull();
    expect(await refusal({ ...without("VERTASK_TRUSTED_PROXY_HEADER"), VERTASK_DIRECT_CONNECTIONS: "1" })).toBeNull();
    expect(
      await refusal({ ...ready, NEXTAUTH_URL: "http://localhost:3000", APP_URL: "http://127.0.0.1:3000" }),
    ).toBeNull();
  });

  it("needs INNGEST_SIGNING_KEY whatever INNGEST_DEV says, and refuses the dev mode, naming the variable", async () => {
    for (const dev of ["1", "true", "http://127.0.0.1:8288"]) {
      expect(await refusal({ ...without("INNGEST_SIGNING_KEY"), INNGEST_DEV: dev })).toBe(
        "Vertask will not start in production: set INNGEST_SIGNING_KEY; remove INNGEST_DEV (the Inngest dev mode takes unsigned calls to /api/inngest) (see docs/operations.md, Running in production).",
      );
    }
    expect(await refusal({ ...ready, INNGEST_DEV: "1" })).toBe(
      "Vertask will not start in production: remove INNGEST_DEV (the Inngest dev mode takes unsigned calls to /api/inngest) (see docs/operations.md, Running in production).",
    );
  });

  it("needs VERTASK_TRUSTED_PROXY_HEADER unless VERTASK_DIRECT_CONNECTIONS=1 says clients reach the app directly", async () => {
    const line =
      "Vertask will not start in production: set VERTASK_TRUSTED_PROXY_HEADER (or VERTASK_DIRECT_CONNECTIONS=1 when clients reach the app directly) (see docs/operations.md, Running in production).";
    expect(await refusal(without("VERTASK_TRUSTED_PROXY_HEADER"))).toBe(line);
    expect(await refusal({ ...without("VERTASK_TRUSTED_PROXY_HEADER"), VERTASK_DIRECT_CONNECTIONS: "yes" })).toBe(line);
    expect(await refusal({ ...ready, VERTASK_TRUSTED_PROXY_HEADER: "  " })).toBe(line);
  });

  it("refuses an http:// NEXTAUTH_URL or APP_URL other than localhost", async () => {
    expect(await refusal({ ...ready, NEXTAUTH_URL: "http://vertask.example.com" })).toBe(
      "Vertask will not start in production: make NEXTAUTH_URL an https:// address (http:// is for localhost only) (see docs/operations.md, Running in production).",
    );
    expect(await refusal({ ...ready, APP_URL: "http://10.0.0.5:3000" })).toBe(
      "Vertask will not start in production: make APP_URL an https:// address (http:// is for localhost only) (see docs/operations.md, Running in production).",
    );
    expect(await refusal({ ...ready, APP_URL: "http://localhost.example.com" })).toMatch(
      /make APP_URL an https:\/\/ address/,
    );
  });

  it("names everything wrong at once, in one line", async () => {
    const line = await refusal({
      NODE_ENV: "production",
      INNGEST_DEV: "1",
      NEXTAUTH_URL: "http://vertask.example.com",
    });
    expect(line).toBe(
      "Vertask will not start in production: set DATABASE_URL, NEXTAUTH_SECRET, VERTASK_ENCRYPTION_KEY, SMTP_URL, INNGEST_SIGNING_KEY, " +
        "VERTASK_TRUSTED_PROXY_HEADER (or VERTASK_DIRECT_CONNECTIONS=1 when clients reach the app directly); " +
        "remove INNGEST_DEV (the Inngest dev mode takes unsigned calls to /api/inngest); " +
        "make NEXTAUTH_URL an https:// address (http:// is for localhost only) (see docs/operations.md, Running in production).",
    );
  });

  it("outside production none of this is asked: development keeps its stand-ins", async () => {
    expect(
      await refusal({
        NODE_ENV: "development",
        INNGEST_DEV: "1",
        NEXTAUTH_URL: "http://vertask.example.com",
        DATABASE_URL: ready.DATABASE_URL,
      }),
    ).toBeNull();
  });
});

describe("any start", () => {
  it("refuses a VERTASK_HISTORY_DAYS that is not a number of days, in development too, before the database", async () => {
    const line =
      /^Vertask will not start: VERTASK_HISTORY_DAYS must be a whole number of days from 1 to 36,500 .* not "0"\.$/;
    expect(await refusal({ ...ready, VERTASK_HISTORY_DAYS: "0" })).toMatch(line);
    expect(
      await refusal({ NODE_ENV: "development", DATABASE_URL: ready.DATABASE_URL, VERTASK_HISTORY_DAYS: "0" }),
    ).toMatch(line);
    expect(await refusal({ ...ready, VERTASK_HISTORY_DAYS: "400" })).toBeNull();
  });
});
