import { spawnSync } from "node:child_process";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, closeDatabase } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/auth/field-error";
import { createFirstSuperuser } from "@/lib/staff/commands";
import { announceSetupCode } from "@/lib/staff/announce-setup-code";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { currentSetupCode } from "@/lib/staff/setup-code";
import { firstSuperuserInput } from "@/lib/staff/schemas";
import { createActor, resetDatabase } from "../support/database";

// An attempt without a client address: only the per-account sign-in limit applies.
const fromNowhere = { clientAddress: null };

beforeEach(resetDatabase);
afterAll(closeDatabase);

// The app's own secret, as every app host and `npm run setup-code` would have it.
const server = { NEXTAUTH_SECRET: "first-run-test-secret" };
const person = { name: "Sam Admin", email: "sam@msp.example", password: "a long enough password" };
const staffCount = async () => (await db.select().from(staffUsers)).length;

/** Runs an npm script the way an operator does, with the test database and the server's secret. */
function npmRun(script: string, args: string[], input = "") {
  const env = { ...process.env, ...server, VERTASK_SETUP_CODE: "" };
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    input,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the setup code", () => {
  it("the form refuses to create anyone without a setup code", () => {
    const parsed = firstSuperuserInput.safeParse({ ...person, setupCode: " " });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.flatten().fieldErrors.setupCode).toEqual([
      "Enter the setup code from the server log, or run: npm run setup-code",
    ]);
  });

  it("a wrong setup code is refused at its field and creates nobody", async () => {
    const error = await createFirstSuperuser(
      { ...person, setupCode: "AAAA-BBBB-CCCC-DDDD" },
      fromNowhere,
      server,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(FieldError);
    expect(error.fields.setupCode).toMatch(/This is not the setup code/);
    expect(await staffCount()).toBe(0);
  });

  it("a wrong setup code and a weak password are reported together, each at its field", async () => {
    const error = await createFirstSuperuser(
      { name: "", email: "sam@msp.example", password: "short", setupCode: "AAAA-BBBB-CCCC-DDDD" },
      fromNowhere,
      server,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(FieldError);
    expect(error.fields.setupCode).toMatch(/This is not the setup code/);
    expect(error.fields.password).toMatch(/12 characters/);
    expect(error.fields.name).toBe("Enter a name.");
    expect(await staffCount()).toBe(0);
  });

  it("a missing setup code is reported with the other fields' problems and uses up no try", async () => {
    const error = await createFirstSuperuser(
      { ...person, password: "short", setupCode: " " },
      fromNowhere,
      server,
    ).catch((e) => e);
    expect(error.fields.setupCode).toMatch(/Enter the setup code/);
    expect(error.fields.password).toMatch(/12 characters/);
  });

  it("the right setup code with a weak password creates nobody, and the code still works afterwards", async () => {
    const setupCode = currentSetupCode(server);
    for (let attempt = 0; attempt < 8; attempt++) {
      const error = await createFirstSuperuser({ ...person, password: "short", setupCode }, fromNowhere, server).catch(
        (e) => e,
      );
      expect(Object.keys(error.fields)).toEqual(["password"]);
    }
    await createFirstSuperuser({ ...person, setupCode }, fromNowhere, server);
    expect(await staffCount()).toBe(1);
  });

  it("the right setup code creates the superuser, typed in any case and spacing", async () => {
    const code = currentSetupCode(server);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await createFirstSuperuser(
      { ...person, setupCode: ` ${code.toLowerCase().replace(/-/g, " ")} ` },
      fromNowhere,
      server,
    );
    expect(await findStaffBySignIn(person.email, person.password, fromNowhere)).toMatchObject({ role: "superuser" });
  });

  it("the code depends on the server's secret, and VERTASK_SETUP_CODE replaces it", async () => {
    expect(currentSetupCode({ NEXTAUTH_SECRET: "another secret" })).not.toBe(currentSetupCode(server));
    const chosen = { ...server, VERTASK_SETUP_CODE: "our-own-long-setup-code" };
    await expect(
      createFirstSuperuser({ ...person, setupCode: currentSetupCode(server) }, fromNowhere, chosen),
    ).rejects.toThrow(FieldError);
    await createFirstSuperuser({ ...person, setupCode: "our-own-long-setup-code" }, fromNowhere, chosen);
    expect(await staffCount()).toBe(1);
  });

  it("a chosen code shorter than 12 characters is refused, and the log at start says why", async () => {
    const weak = { VERTASK_SETUP_CODE: "1234" };
    await expect(createFirstSuperuser({ ...person, setupCode: "1234" }, fromNowhere, weak)).rejects.toThrow(
      /shorter than 12 characters/,
    );
    const lines: string[] = [];
    await announceSetupCode((line) => lines.push(line), weak);
    expect(lines.join("\n")).toMatch(/VERTASK_SETUP_CODE is shorter than 12 characters/);
    expect(await staffCount()).toBe(0);
  });

  it("stops working once a superuser exists", async () => {
    await createFirstSuperuser({ ...person, setupCode: currentSetupCode(server) }, fromNowhere, server);
    const late = {
      name: "Late",
      email: "late@msp.example",
      password: "another long password",
      setupCode: currentSetupCode(server),
    };
    await expect(createFirstSuperuser(late, fromNowhere, server)).rejects.toThrow(ForbiddenError);
    expect(await staffCount()).toBe(1);
  });

  it("creates exactly one superuser even when two people submit at once", async () => {
    const setupCode = currentSetupCode(server);
    const results = await Promise.allSettled([
      createFirstSuperuser(
        { name: "A", email: "a@msp.example", password: "a long enough password", setupCode },
        fromNowhere,
        server,
      ),
      createFirstSuperuser(
        { name: "B", email: "b@msp.example", password: "a long enough password", setupCode },
        fromNowhere,
        server,
      ),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const staff = await db.select().from(staffUsers);
    expect(staff).toHaveLength(1);
    expect(staff[0].role).toBe("superuser");
  });

  it("refuses once anyone exists, a technician included", async () => {
    await createActor("technician");
    await expect(
      createFirstSuperuser({ ...person, setupCode: currentSetupCode(server) }, fromNowhere, server),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe("telling the operator the code", () => {
  it("the server log at start shows the code while no staff exists, and nothing once someone does", async () => {
    const lines: string[] = [];
    await announceSetupCode((line) => lines.push(line), server);
    expect(lines.join("\n")).toContain(currentSetupCode(server));
    expect(lines.join("\n")).toContain("/setup");

    await createActor("superuser");
    lines.length = 0;
    await announceSetupCode((line) => lines.push(line), server);
    expect(lines).toEqual([]);
  });

  it("a code the operator chose is named in the log, never printed", async () => {
    const lines: string[] = [];
    await announceSetupCode((line) => lines.push(line), { VERTASK_SETUP_CODE: "our-own-long-setup-code" });
    expect(lines.join("\n")).toContain("VERTASK_SETUP_CODE");
    expect(lines.join("\n")).not.toContain("our-own-long-setup-code");
  });

  it("`npm run setup-code` prints the code the setup form accepts, and says when it no longer works", async () => {
    const printed = npmRun("setup-code", []);
    expect(printed.code, printed.stderr).toBe(0);
    const code = printed.stdout.match(/Setup code: (\S+)/)![1];
    await createFirstSuperuser({ ...person, setupCode: code }, fromNowhere, server);
    expect(await staffCount()).toBe(1);

    const after = npmRun("setup-code", []);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain("already set up");
  }, 120_000);
});

describe("npm run create-superuser", () => {
  it("asks for name, email and password on stdin and creates a superuser who can sign in", async () => {
    const run = npmRun("create-superuser", [], "Cleo Command\ncleo@msp.example\na long enough password\n");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Created superuser Cleo Command <cleo@msp.example>");
    expect(await findStaffBySignIn("cleo@msp.example", "a long enough password", fromNowhere)).toMatchObject({
      role: "superuser",
      name: "Cleo Command",
    });
  }, 120_000);

  it("takes name and email from flags, the password only from stdin, and applies the password rules", async () => {
    await createActor("superuser");
    const weak = npmRun("create-superuser", ["--name", "Flag Admin", "--email", "flag@msp.example"], "password1234\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("one of the most common");
    const onArgv = npmRun("create-superuser", [
      "--name",
      "Flag Admin",
      "--email",
      "flag@msp.example",
      "--password",
      "a long enough password",
    ]);
    expect(onArgv.code).toBe(1);
    expect(onArgv.stderr).toContain("leave out --password");
    expect(await staffCount()).toBe(1);

    const run = npmRun(
      "create-superuser",
      ["--name", "Flag Admin", "--email", "Flag@MSP.example"],
      "a long enough password\n",
    );
    expect(run.code, run.stderr).toBe(0);
    expect(await findStaffBySignIn("flag@msp.example", "a long enough password", fromNowhere)).toMatchObject({
      role: "superuser",
    });
  }, 180_000);
});
