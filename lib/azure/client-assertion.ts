import "server-only";
import { ClientAssertion, CryptoProvider } from "@azure/msal-node";
import type { EntraCredential } from "./connection";

/**
 * How an app proves itself at a token endpoint outside MSAL (the code grant of "Sign in with Microsoft"): its
 * client secret, or a client assertion signed with its certificate, made by MSAL as its own token requests are
 * ("Microsoft identity platform application authentication certificate credentials": x5t#S256, aud the endpoint).
 */
export function tokenRequestCredential(
  credential: EntraCredential,
  clientId: string,
  tokenEndpoint: string,
): { client_secret: string } | { client_assertion_type: string; client_assertion: string } {
  if (credential.kind === "secret") return { client_secret: credential.secret.trim() };
  const thumbprint = credential.thumbprintSha256.replace(/[\s:]/g, "").toLowerCase();
  const assertion = ClientAssertion.fromCertificateWithSha256Thumbprint(thumbprint, credential.privateKeyPem);
  return {
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion.getJwt(new CryptoProvider(), clientId, tokenEndpoint),
  };
}
