import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";

/** What Vertask keeps of an uploaded certificate credential: the key (to encrypt) and what the page shows. */
export type CertificateCredential = {
  privateKeyPem: string;
  thumbprintSha256: string;
  subject: string;
  /** The certificate's last valid day (UTC), as the expiry warnings read it. */
  expiresOn: string;
};

/** A problem with one of the two files, named so the form can show it beside that file. */
export type CertificateProblem = { field: "certificateKey" | "certificateFile"; message: string };

const pemBlock = (kind: string) => new RegExp(`-----BEGIN ${kind}-----[\\s\\S]+?-----END ${kind}-----`);

function readCertificate(text: string): X509Certificate | CertificateProblem {
  const block = text.match(pemBlock("CERTIFICATE"))?.[0];
  const problem = (message: string): CertificateProblem => ({ field: "certificateFile", message });
  if (!block) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
      return problem("This file holds a private key: choose the certificate (.pem or .crt) here, and the key above.");
    return problem(
      "This is not a PEM certificate: choose the file that starts with -----BEGIN CERTIFICATE----- (a .cer in DER form converts with openssl x509 -inform der -in cert.cer -out cert.pem).",
    );
  }
  try {
    return new X509Certificate(block);
  } catch {
    return problem("This certificate cannot be read: export it again as PEM.");
  }
}

function readPrivateKey(text: string): KeyObject | CertificateProblem {
  const problem = (message: string): CertificateProblem => ({ field: "certificateKey", message });
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    return problem(
      "This private key is protected by a passphrase: save it without one (openssl pkey -in key.pem -out plain-key.pem) and choose that file.",
    );
  }
  const block = text.match(/-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (RSA |EC )?PRIVATE KEY-----/)?.[0];
  if (!block) {
    if (pemBlock("CERTIFICATE").test(text))
      return problem(
        "This file holds a certificate, not its private key: choose the key here, and the certificate below.",
      );
    return problem("This is not a PEM private key: choose the file that starts with -----BEGIN PRIVATE KEY-----.");
  }
  try {
    return createPrivateKey(block);
  } catch {
    return problem("This private key cannot be read: export it again as PEM.");
  }
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Reads an uploaded private key and certificate (PEM): they must belong together and the certificate must
 * still be valid. Entra ID identifies the certificate by its SHA-256 thumbprint, which MSAL sends.
 */
export function readCertificateCredential(
  keyText: string,
  certificateText: string,
  now = new Date(),
): CertificateCredential | CertificateProblem {
  const key = readPrivateKey(keyText);
  if ("field" in key) return key;
  const certificate = readCertificate(certificateText);
  if ("field" in certificate) return certificate;
  if (key.asymmetricKeyType !== "rsa") {
    return {
      field: "certificateKey",
      message: "Microsoft Entra ID takes RSA certificates for app credentials: this key is not RSA.",
    };
  }
  if (!certificate.checkPrivateKey(key)) {
    return {
      field: "certificateKey",
      message: "This private key does not belong to the certificate: choose the key the certificate was made with.",
    };
  }
  const expires = new Date(certificate.validTo);
  if (Number.isNaN(expires.getTime()))
    return { field: "certificateFile", message: "This certificate's expiry date cannot be read." };
  if (expires <= now) {
    return {
      field: "certificateFile",
      message: `This certificate expired on ${utcDay(expires)}: create a new one and upload it to the app in Certificates & secrets.`,
    };
  }
  return {
    privateKeyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
    thumbprintSha256: certificate.fingerprint256.replace(/:/g, "").toLowerCase(),
    subject: certificate.subject.replace(/\n/g, ", "),
    expiresOn: utcDay(expires),
  };
}
