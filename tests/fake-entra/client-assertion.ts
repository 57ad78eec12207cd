// Checks a certificate credential's client assertion (RFC 7523) the way Entra ID does: the thumbprint in
// the header names a registered certificate, whose public key must verify the signature.
import { constants, verify } from "node:crypto";
import type { FakeApp } from "./fake-tenant";

export type AssertionVerdict = { ok: true } | { ok: false; code: number; description: string };

type AssertionHeader = { alg?: string; "x5t#S256"?: string; x5t?: string };
type AssertionClaims = { aud?: string; iss?: string; sub?: string; exp?: number; nbf?: number };

function decodePart<T>(part: string | undefined): T | null {
  try {
    return part ? (JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as T) : null;
  } catch {
    return null;
  }
}

export function verifyClientAssertion(assertion: string, app: FakeApp, tokenEndpoint: string): AssertionVerdict {
  const [headerPart, claimsPart, signaturePart] = assertion.split(".");
  const header = decodePart<AssertionHeader>(headerPart);
  const claims = decodePart<AssertionClaims>(claimsPart);
  if (!header || !claims || !signaturePart) {
    return { ok: false, code: 50027, description: "JWT token is invalid or malformed." };
  }
  const thumbprint = header["x5t#S256"] ? Buffer.from(header["x5t#S256"], "base64url").toString("hex") : null;
  const certificate = app.certificates.find((c) => thumbprint && c.thumbprintSha256.toLowerCase() === thumbprint);
  if (!certificate) {
    return {
      ok: false,
      code: 700027,
      description: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${(thumbprint ?? "").toUpperCase()}']`,
    };
  }
  const key =
    header.alg === "PS256"
      ? {
          key: certificate.publicKeyPem,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_AUTO,
        }
      : { key: certificate.publicKeyPem };
  const signed = Buffer.from(`${headerPart}.${claimsPart}`);
  if (
    !["PS256", "RS256"].includes(header.alg ?? "") ||
    !verify("sha256", signed, key, Buffer.from(signaturePart, "base64url"))
  ) {
    return { ok: false, code: 700027, description: "Client assertion failed signature validation." };
  }
  const now = Math.floor(Date.now() / 1000);
  if (!claims.exp || claims.exp < now || (claims.nbf && claims.nbf > now + 300)) {
    return { ok: false, code: 700024, description: "Client assertion is not within its valid time range." };
  }
  if (
    claims.iss?.toLowerCase() !== app.clientId.toLowerCase() ||
    claims.sub?.toLowerCase() !== app.clientId.toLowerCase()
  ) {
    return {
      ok: false,
      code: 700021,
      description: "Client assertion application identifier doesn't match 'client_id' parameter.",
    };
  }
  if (claims.aud !== tokenEndpoint) {
    return {
      ok: false,
      code: 700212,
      description: `The audience of the client assertion '${claims.aud}' is not the token endpoint '${tokenEndpoint}'.`,
    };
  }
  return { ok: true };
}
