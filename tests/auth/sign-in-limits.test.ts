import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { closeDatabase, db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { TooManyAttempts } from "@/lib/auth/sign-in-limits";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { createFirstSuperuser } from "@/lib/staff/commands";
import { findPortalClientBySignIn } from "@/lib/portal/sign-in";
import { acceptInvitation } from "@/lib/portal/accept-invitation";
import { requestNewInvitation } from "@/lib/portal/request-new-invitation";
import { createActor, resetDatabase } from "../support/database";

beforeEach(resetDatabase);
afterEach(() => vi.restoreAllMocks());
afterAll(closeDatabase);

const password = "a long enough password"; // what createActor gives every staff member
const minutes = (count: number) => count * 60_000;
const t0 = new Date("2026-03-02T09:00:00Z");
const at = (offset: number) => new Date(t0.getTime() + offset);
const from = (clientAddress: string, now = t0) => ({ clientAddress, now });

/** Counts the bcrypt work done from here on: compares (sign-in) and hashes (setup, accept). */
function countHashes() {
  const compare = vi.spyOn(bcrypt, "compare");
  const hash = vi.spyOn(bcrypt, "hash");
  return () => compare.mock.calls.length + hash.mock.calls.length;
}

const wellFormedToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");

describe("sign-in limits per account", () => {
  it("refuses the sixth failure for an account without computing a hash, and says how long to wait", async () => {
    const staff = await createActor("technician");
    const hashes = countHashes();
    for (let failure = 1; failure <= 5; failure++) {
      expect(
        await findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7", at(minutes(failure)))),
      ).toBeNull();
    }
    expect(hashes()).toBe(5);
    // Even with the right password, and from another address: the account waits 15 minutes from its fifth failure.
    const sixth = findStaffBySignIn(staff.email, password, from("198.51.100.9", at(minutes(5))));
    await expect(sixth).rejects.toThrow(TooManyAttempts);
    await expect(sixth).rejects.toThrow("Too many failed attempts: try again in 15 minutes.");
    expect(hashes()).toBe(5);
  });

  it("unlocks the account once its wait is over (injected clock)", async () => {
    const staff = await createActor("technician");
    for (let failure = 1; failure <= 5; failure++)
      await findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7"));
    await expect(findStaffBySignIn(staff.email, password, from("203.0.113.7", at(minutes(14))))).rejects.toThrow(
      "Too many failed attempts: try again in 1 minute.",
    );
    await expect(
      findStaffBySignIn(staff.email, password, from("203.0.113.7", at(minutes(7) + 30_000))),
    ).rejects.toThrow("try again in 8 minutes.");
    expect(await findStaffBySignIn(staff.email, password, from("203.0.113.7", at(minutes(15))))).toMatchObject({
      id: staff.id,
    });
  });

  it("counts failures in a 15-minute window: failures spread further apart never lock the account", async () => {
    const staff = await createActor("technician");
    for (let failure = 0; failure < 12; failure++) {
      expect(
        await findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7", at(minutes(4 * failure)))),
      ).toBeNull();
    }
    expect(await findStaffBySignIn(staff.email, password, from("203.0.113.7", at(minutes(48))))).toMatchObject({
      id: staff.id,
    });
  });

  it("a successful sign-in clears the account's failures", async () => {
    const staff = await createActor("technician");
    for (let failure = 0; failure < 4; failure++)
      await findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7"));
    expect(await findStaffBySignIn(staff.email, password, from("203.0.113.7"))).toMatchObject({ id: staff.id });
    for (let failure = 0; failure < 4; failure++)
      await findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7"));
    expect(await findStaffBySignIn(staff.email, password, from("203.0.113.7"))).toMatchObject({ id: staff.id });
  });

  it("attempts sent at once cannot slip past the limit together", async () => {
    const staff = await createActor("technician");
    const hashes = countHashes();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7"))),
    );
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof TooManyAttempts)).toHaveLength(3);
    expect(hashes()).toBe(5);
  });
});

describe("the cost of an unknown email", () => {
  it("an unknown email computes exactly one hash, as a known one does", async () => {
    const staff = await createActor("technician");
    const hashes = countHashes();
    expect(await findStaffBySignIn("nobody@msp.example", "some password", from("203.0.113.7"))).toBeNull();
    expect(hashes()).toBe(1);
    expect(await findStaffBySignIn(staff.email, "wrong password", from("203.0.113.7"))).toBeNull();
    expect(hashes()).toBe(2);
    expect(await findStaffBySignIn(staff.email, password, from("203.0.113.7"))).not.toBeNull();
    expect(hashes()).toBe(3);
    expect(await findPortalClientBySignIn("nobody@client.example", "some password", from("203.0.113.7"))).toBeNull();
    expect(hashes()).toBe(4);
  });

  it("unknown emails are limited like known ones, so the limit does not tell which accounts exist", async () => {
    for (let failure = 0; failure < 5; failure++)
      await findStaffBySignIn("nobody@msp.example", "guess", from("203.0.113.7"));
    await expect(findStaffBySignIn("NOBODY@msp.example ", "guess", from("203.0.113.8"))).rejects.toThrow(
      "try again in 15 minutes.",
    );
  });
});

describe("sign-in limits per client address", () => {
  it(
    "one address that fails 50 times is refused for every account and form, without a hash; other addresses are not",
    { timeout: 180_000 },
    async () => {
      const staff = await createActor("technician");
      for (let failure = 0; failure < 50; failure++) {
        expect(
          await findStaffBySignIn(`guess${failure}@msp.example`, "guess", from("203.0.113.7", at(failure * 1000))),
        ).toBeNull();
      }
      const hashes = countHashes();
      const now = at(minutes(1));
      await expect(findStaffBySignIn(staff.email, password, from("203.0.113.7", now))).rejects.toThrow(
        "Too many failed attempts: try again in 15 minutes.",
      );
      await expect(
        findPortalClientBySignIn("someone@client.example", "guess", from("203.0.113.7", now)),
      ).rejects.toThrow(TooManyAttempts);
      await expect(
        createFirstSuperuser(
          { name: "Eve", email: "eve@msp.example", password, setupCode: "not-the-code" },
          from("203.0.113.7", now),
          {},
        ),
      ).rejects.toThrow(TooManyAttempts);
      await expect(acceptInvitation(wellFormedToken(), password, from("203.0.113.7", now))).rejects.toThrow(
        TooManyAttempts,
      );
      await expect(requestNewInvitation(wellFormedToken(), from("203.0.113.7", now))).rejects.toThrow(TooManyAttempts);
      expect(hashes()).toBe(0);
      expect(await findStaffBySignIn(staff.email, password, from("198.51.100.9", now))).toMatchObject({ id: staff.id });
      expect(await findStaffBySignIn(staff.email, password, from("203.0.113.7", at(minutes(16))))).toMatchObject({
        id: staff.id,
      });
    },
  );

  it("takes the right-most hop of the trusted proxy header, the one a client cannot forge", () => {
    const forged = new Headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7", "x-real-ip": "198.51.100.9" });
    expect(clientAddressFrom(forged, "x-forwarded-for")).toBe("203.0.113.7");
    expect(clientAddressFrom(forged, "X-Real-IP")).toBe("198.51.100.9");
    expect(clientAddressFrom(forged, undefined)).toBe("203.0.113.7");
    expect(clientAddressFrom(new Headers(), "x-forwarded-for")).toBeNull();
  });
});

describe("every form that proves who someone is", () => {
  it("portal sign-in: the sixth failure for an email is refused without a hash", async () => {
    const hashes = countHashes();
    for (let failure = 0; failure < 5; failure++) {
      expect(await findPortalClientBySignIn("client@client.example", "guess", from(`203.0.113.${failure}`))).toBeNull();
    }
    expect(hashes()).toBe(5);
    await expect(findPortalClientBySignIn("client@client.example", "guess", from("198.51.100.9"))).rejects.toThrow(
      "Too many failed attempts: try again in 15 minutes.",
    );
    expect(hashes()).toBe(5);
  });

  const server = { NEXTAUTH_SECRET: "a secret only this test's server knows" };

  it("first-run setup: after five wrong setup codes the sixth attempt is refused, and no wrong code costs a hash", async () => {
    const hashes = countHashes();
    const attempt = (n: number) =>
      createFirstSuperuser(
        { name: "Eve", email: `eve${n}@msp.example`, password, setupCode: `guess-${n}-of-the-code` },
        from(`203.0.113.${n}`),
        server,
      );
    for (let n = 0; n < 5; n++) await expect(attempt(n)).rejects.toThrow("This is not the setup code.");
    await expect(attempt(5)).rejects.toThrow("Too many failed attempts: try again in 15 minutes.");
    expect(hashes()).toBe(0);
    expect(await db.select().from(staffUsers)).toHaveLength(0);
  });

  it("invitation accept and “send me a new link”: a link tried five times is refused the sixth, by either form", async () => {
    const token = wellFormedToken();
    for (let n = 0; n < 3; n++)
      await expect(acceptInvitation(token, password, from(`203.0.113.${n}`))).rejects.toThrow("no longer works");
    for (let n = 3; n < 5; n++)
      await expect(requestNewInvitation(token, from(`203.0.113.${n}`))).rejects.toThrow("This link cannot be renewed.");
    const hashes = countHashes();
    await expect(acceptInvitation(token, password, from("198.51.100.9"))).rejects.toThrow(
      "Too many failed attempts: try again in 15 minutes.",
    );
    await expect(requestNewInvitation(token, from("198.51.100.9"))).rejects.toThrow(
      "Too many failed attempts: try again in 15 minutes.",
    );
    expect(hashes()).toBe(0);
  });
});
