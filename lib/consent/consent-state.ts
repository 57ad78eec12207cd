import { createHash, randomBytes } from "node:crypto";

/**
 * How long an admin-consent link works: long enough to mail it to a customer's administrator and have it opened,
 * short enough to be no standing key (it works once).
 */
export const consentLinkLifetimeMs = 7 * 24 * 3_600_000;

/** An unguessable `state` for one admin-consent link. */
export const newConsentState = () => randomBytes(32).toString("base64url");

/** Only the hash of a state is stored: a leaked database holds no link that still works. */
export const hashConsentState = (state: string) => createHash("sha256").update(state).digest("hex");
