// Each tenant's token signing keys: the current one signs id tokens, and the keys it replaced stay published
// for a while so tokens signed before a rollover still verify. Modelled from Microsoft's "Signing key rollover
// in the Microsoft identity platform" (keys published at the tenant's jwks_uri, each with a `kid` that a token's
// header names) and the v2.0 keys document, whose entries carry kty, use, kid, x5t, n, e and the v2.0 issuer.
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

type SigningKey = { kid: string; privateKey: KeyObject; jwk: Record<string, unknown> };

/** How many keys a tenant publishes at once: the current key and the two it replaced. */
const PUBLISHED_KEYS = 3;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: "jwk" });
  // Microsoft's kid and x5t are a certificate thumbprint; the fake has no certificate, so it hashes the modulus.
  const kid = createHash("sha1").update(n!).digest("base64url");
  return { kid, privateKey, jwk: { kty: "RSA", use: "sig", kid, x5t: kid, n, e } };
}

export class TenantSigningKeys {
  /** Newest first, by tenant id; a tenant gets its first key when it first signs or publishes. */
  private readonly keys = new Map<string, SigningKey[]>();

  private keysOf(tenantId: string): SigningKey[] {
    let list = this.keys.get(tenantId);
    if (!list) this.keys.set(tenantId, (list = [newKey()]));
    return list;
  }

  /** A JWT signed RS256 with the tenant's current key, its `kid` in the header. */
  sign(tenantId: string, claims: object): string {
    const [current] = this.keysOf(tenantId);
    const unsigned = `${base64url({ typ: "JWT", alg: "RS256", kid: current.kid })}.${base64url(claims)}`;
    return `${unsigned}.${sign("sha256", Buffer.from(unsigned), current.privateKey).toString("base64url")}`;
  }

  /** A new current key; the previous ones stay published until PUBLISHED_KEYS newer ones replace them. */
  rotate(tenantId: string): { kid: string; publishedKids: string[] } {
    const list = [newKey(), ...this.keysOf(tenantId)].slice(0, PUBLISHED_KEYS);
    this.keys.set(tenantId, list);
    return { kid: list[0].kid, publishedKids: list.map((key) => key.kid) };
  }

  /** The keys document entries of these tenants; `issuerOf` gives each key's v2.0 issuer. */
  published(tenantIds: readonly string[], issuerOf: (tenantId: string) => string) {
    return tenantIds.flatMap((tenantId) =>
      this.keysOf(tenantId).map((key) => ({ ...key.jwk, issuer: issuerOf(tenantId) })),
    );
  }
}
