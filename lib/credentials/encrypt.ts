import "server-only";
import { FieldError } from "@/lib/auth/field-error";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { readCertificateCredential, type CertificateCredential } from "./certificate-files";
import type { CredentialPurposes } from "./stored";

/** What a credentials form sent: a Client secret, or a certificate and its private key (PEM files). */
type CredentialInput = {
  credentialKind: "secret" | "certificate";
  clientSecret?: string | null;
  certificateKey?: Blob | null;
  certificateFile?: Blob | null;
};

/** The certificate a form uploaded, checked (a field's message when it is not usable); null when none was chosen. */
export async function uploadedCertificate(form: CredentialInput, now: Date) {
  if (form.credentialKind !== "certificate" || !form.certificateKey || !form.certificateFile) return null;
  const read = readCertificateCredential(await form.certificateKey.text(), await form.certificateFile.text(), now);
  if ("field" in read) throw new FieldError(read.field, read.message);
  return read;
}

export const noSecret = { clientSecretCiphertext: null, clientSecretLastFour: null, clientSecretAddedAt: null };
export const noCertificate = {
  certificateKeyCiphertext: null,
  certificateThumbprintSha256: null,
  certificateSubject: null,
  certificateExpiresOn: null,
  certificateAddedAt: null,
};

/**
 * The columns a new credential writes, encrypted for its row (`purposes`): at most one credential is stored, so the
 * other one goes. Null when the form brought none (the stored one stays).
 */
export function newCredentialColumns(
  form: CredentialInput,
  certificate: CertificateCredential | null,
  purposes: CredentialPurposes,
  now: Date,
) {
  if (certificate) {
    return {
      ...noSecret,
      certificateKeyCiphertext: encryptSecret(certificate.privateKeyPem, purposes.certificateKey),
      certificateThumbprintSha256: certificate.thumbprintSha256,
      certificateSubject: certificate.subject,
      certificateExpiresOn: certificate.expiresOn,
      certificateAddedAt: now,
    };
  }
  if (form.credentialKind === "secret" && form.clientSecret) {
    return {
      ...noCertificate,
      clientSecretCiphertext: encryptSecret(form.clientSecret, purposes.secret),
      clientSecretLastFour: form.clientSecret.slice(-4),
      clientSecretAddedAt: now,
    };
  }
  return null;
}
