import "server-only";
import { createHash } from "node:crypto";

/** How Vertask proves it is the registered app: a client secret, or a certificate (Microsoft's recommendation). */
export type EntraCredential =
  { kind: "secret"; secret: string } | { kind: "certificate"; privateKeyPem: string; thumbprintSha256: string };

/** What an administrator enters on the settings page (the setup guide's "overviewIds" and "clientSecret" steps). */
export type EntraConnectionSettings = {
  tenantId: string;
  clientId: string;
  credential: EntraCredential;
};

/** A one-way fingerprint of a credential, so caches can tell credentials apart without holding them in keys. */
export function credentialFingerprint(credential: EntraCredential) {
  const material =
    credential.kind === "secret"
      ? `secret\n${credential.secret}`
      : `certificate\n${credential.thumbprintSha256}\n${credential.privateKeyPem}`;
  return createHash("sha256").update(material).digest("hex");
}
