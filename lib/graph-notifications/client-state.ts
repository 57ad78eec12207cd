import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// A subscription's clientState: 256 random bits, sent to Graph once when the subscription is made, kept only as
// its SHA-256, and compared in constant time with what each notification carries.

/** Graph accepts at most 128 characters ("subscription resource type"): this is 43. */
export const newClientState = () => randomBytes(32).toString("base64url");

const digest = (clientState: string) => createHash("sha256").update(clientState, "utf8").digest();

export const hashClientState = (clientState: string) => digest(clientState).toString("hex");

/** Whether a notification's clientState is the subscription's: the same time whatever is wrong with it. */
export function clientStateMatches(storedHash: string, given: unknown): boolean {
  const stored = Buffer.from(storedHash, "hex");
  const offered = digest(typeof given === "string" ? given : "");
  return stored.length === offered.length && timingSafeEqual(stored, offered) && typeof given === "string";
}
