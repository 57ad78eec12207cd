// App-only access tokens as Entra ID issues them (a signed JWT whose `roles` claim lists the granted
// application permissions), and their validation on the Graph side.
import { createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from "node:crypto";

export type AccessTokenClaims = {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  azp: string;
  tid: string;
  oid: string;
  sub: string;
  idtyp: "app" | "user";
  ver: "1.0";
  uti: string;
  roles?: string[];
  /** A delegated token's scopes ("Access token claims reference"). */
  scp?: string;
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export class AccessTokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
  }

  issue(input: {
    audience: string;
    tenantId: string;
    clientId: string;
    roles: string[];
    lifetimeSeconds: number;
    /** For a signed-in user (delegated): their object id and the scopes granted. */
    user?: { id: string; scopes: string };
  }): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: AccessTokenClaims = {
      aud: input.audience,
      iss: `https://sts.windows.net/${input.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + input.lifetimeSeconds,
      appid: input.clientId,
      azp: input.clientId,
      tid: input.tenantId,
      oid: input.user?.id ?? input.clientId,
      sub: input.user?.id ?? input.clientId,
      idtyp: input.user ? "user" : "app",
      ver: "1.0",
      uti: randomUUID(),
      // Entra ID leaves the claim out when no application permission is granted.
      ...(input.roles.length ? { roles: [...input.roles] } : {}),
      ...(input.user ? { scp: input.user.scopes } : {}),
    };
    const unsigned = `${base64url({ typ: "JWT", alg: "RS256", kid: "fake-entra" })}.${base64url(claims)}`;
    return `${unsigned}.${sign("sha256", Buffer.from(unsigned), this.privateKey).toString("base64url")}`;
  }

  /** The claims of a token this signer issued and that is still valid, or why not. */
  validate(token: string): { claims: AccessTokenClaims } | { problem: string } {
    const [header, payload, signature] = token.split(".");
    if (!header || !payload || !signature) return { problem: "IDX14100: JWT is not well formed." };
    if (!verify("sha256", Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, "base64url"))) {
      return { problem: "Signature validation failed." };
    }
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as AccessTokenClaims;
    if (claims.exp <= Math.floor(Date.now() / 1000))
      return { problem: "Lifetime validation failed, the token is expired." };
    return { claims };
  }
}

/** The tenant and app an access token was issued to. */
export type TokenCaller = { tenantId: string; appId: string };

/** The tenant and app a bearer token names, read without checking it: for throttling and faults, never for access. */
export function unverifiedCaller(authorization: string | undefined): TokenCaller | null {
  const payload = authorization?.match(/^Bearer\s+[^.]+\.([^.]+)\./i)?.[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<AccessTokenClaims>;
    return typeof claims.tid === "string" && typeof claims.appid === "string"
      ? { tenantId: claims.tid, appId: claims.appid }
      : null;
  } catch {
    return null;
  }
}
