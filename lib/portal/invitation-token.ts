import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

// An invitation's link token is HMAC(key, nonce): the database keeps the random nonce and the token's
// hash, never the token, and a retried send makes the same link. The key comes from
// VERTASK_ENCRYPTION_KEY, so a database copy alone cannot make a working link.

function tokenKey() {
  const base = process.env.VERTASK_ENCRYPTION_KEY;
  if (!base)
    throw new Error(
      "VERTASK_ENCRYPTION_KEY is not set: invitations cannot be made (see docs/operations.md, Environment variables).",
    );
  return Buffer.from(hkdfSync("sha256", Buffer.from(base, "base64"), Buffer.alloc(0), "vertask portal invitation", 32));
}

export function newInvitationNonce() {
  return randomBytes(32).toString("base64url");
}

export function invitationToken(nonce: string) {
  return createHmac("sha256", tokenKey()).update(nonce).digest("base64url");
}

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export const invitationLifetimeMs = 7 * 24 * 3_600_000;
