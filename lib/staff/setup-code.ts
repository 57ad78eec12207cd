import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// The code that lets a person create the first superuser. Set by the operator (VERTASK_SETUP_CODE), or
// derived as HMAC(NEXTAUTH_SECRET, label): every app host, `npm run setup-code` and each restart agree on
// it without storing anything, and only someone who can read the server's secret or log can know it.
// It stops working once a superuser exists (createFirstSuperuser checks under a table lock).

type Environment = Record<string, string | undefined>;

// A chosen code shorter than this could be guessed; the derived one has 16 characters.
const shortestChosenCode = 12;

const label = "vertask first-run setup code v1";
// Crockford's base32: no I, L, O or U, so the code reads aloud and types without mistakes.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Spaces, dashes and case do not matter: people copy codes from logs and read them aloud.
const normalised = (code: string) => code.replace(/[\s-]+/g, "").toUpperCase();

function base32(bytes: Buffer) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The code the setup form accepts, as a person should type it: 16 characters (80 bits) in groups of 4. */
export function currentSetupCode(env: Environment = process.env) {
  const chosen = env.VERTASK_SETUP_CODE?.trim();
  if (chosen && normalised(chosen).length < shortestChosenCode) {
    throw new Error(
      `VERTASK_SETUP_CODE is shorter than ${shortestChosenCode} characters: choose a longer one (openssl rand -hex 8).`,
    );
  }
  if (chosen) return chosen;
  if (!env.NEXTAUTH_SECRET)
    throw new Error(
      "NEXTAUTH_SECRET is not set: no setup code can be made (see docs/operations.md, Environment variables).",
    );
  const letters = base32(createHmac("sha256", env.NEXTAUTH_SECRET).update(label).digest().subarray(0, 10));
  return letters.match(/.{4}/g)!.join("-");
}

const digest = (code: string) => createHash("sha256").update(normalised(code)).digest();

/** Compares in constant time: both sides are hashed to the same length first. */
export function setupCodeMatches(entered: string, env: Environment = process.env) {
  return timingSafeEqual(digest(entered), digest(currentSetupCode(env)));
}

/** Where the code came from, for the setup page and the log; never the code itself when the operator chose it. */
export function setupCodeSource(env: Environment = process.env) {
  return env.VERTASK_SETUP_CODE?.trim() ? "VERTASK_SETUP_CODE" : "derived";
}
