// Certificates for the fake tenant, made once and kept in .data/fake-entra/ so that every process
// (the fake, the app under NODE_EXTRA_CA_CERTS, test workers) agrees on them.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import selfsigned from "selfsigned";

export const FAKE_ENTRA_DIR = path.resolve(process.env.FAKE_ENTRA_DIR ?? ".data/fake-entra");
/** The fake's HTTPS certificate; a file with it in NODE_EXTRA_CA_CERTS makes Node trust the fake. */
export const FAKE_ENTRA_CA_FILE = path.join(FAKE_ENTRA_DIR, "cert.pem");
/** The fake's certificate plus the CA file the environment already named, so neither is lost. */
export const FAKE_ENTRA_CA_BUNDLE = path.join(FAKE_ENTRA_DIR, "ca-bundle.pem");
const TLS_KEY_FILE = path.join(FAKE_ENTRA_DIR, "key.pem");
const APP_CERT_FILE = path.join(FAKE_ENTRA_DIR, "app-certificate.pem");
const APP_KEY_FILE = path.join(FAKE_ENTRA_DIR, "app-private-key.pem");
const MULTI_TENANT_APP_CERT_FILE = path.join(FAKE_ENTRA_DIR, "multi-tenant-app-certificate.pem");
const MULTI_TENANT_APP_KEY_FILE = path.join(FAKE_ENTRA_DIR, "multi-tenant-app-private-key.pem");

export type PemPair = { certPem: string; keyPem: string };

/** An app registration's certificate credential: what the app keeps, and what Entra ID is told. */
export type AppCertificate = PemPair & { thumbprintSha256: string; publicKeyPem: string };

function writeAtomically(file: string, content: string, mode: number) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}

async function readOrGenerate(
  certFile: string,
  keyFile: string,
  generate: () => ReturnType<typeof selfsigned.generate>,
) {
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { certPem: readFileSync(certFile, "utf8"), keyPem: readFileSync(keyFile, "utf8") };
  }
  mkdirSync(FAKE_ENTRA_DIR, { recursive: true });
  const pems = await generate();
  // The key first: a reader that sees the certificate file can then rely on the key being there.
  writeAtomically(keyFile, pems.private, 0o600);
  writeAtomically(certFile, pems.cert, 0o644);
  return { certPem: pems.cert, keyPem: pems.private };
}

const tenYears = () => new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);

/** The HTTPS server's certificate, for localhost and the loopback addresses. */
export function serverCertificate(): Promise<PemPair> {
  return readOrGenerate(FAKE_ENTRA_CA_FILE, TLS_KEY_FILE, () =>
    selfsigned.generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate: tenYears(),
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    }),
  );
}

async function appCredentialCertificate(
  certFile: string,
  keyFile: string,
  commonName: string,
): Promise<AppCertificate> {
  const pair = await readOrGenerate(certFile, keyFile, () =>
    selfsigned.generate([{ name: "commonName", value: commonName }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate: tenYears(),
    }),
  );
  const certificate = new X509Certificate(pair.certPem);
  return {
    ...pair,
    thumbprintSha256: certificate.fingerprint256.replace(/:/g, ""),
    publicKeyPem: certificate.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The certificate registered on the fake's good app, for trying certificate credentials. */
export function appCertificate(): Promise<AppCertificate> {
  return appCredentialCertificate(APP_CERT_FILE, APP_KEY_FILE, "Vertask fake app");
}

/** The certificate registered on the provider's multi-tenant app: its own key, so it cannot pass for Contoso's. */
export function multiTenantAppCertificate(): Promise<AppCertificate> {
  return appCredentialCertificate(
    MULTI_TENANT_APP_CERT_FILE,
    MULTI_TENANT_APP_KEY_FILE,
    "Vertask fake multi-tenant app",
  );
}

/** Whether a NODE_EXTRA_CA_CERTS value includes the fake's certificate. */
export function trustsFakeCertificate(caFile: string | undefined) {
  if (!caFile || !existsSync(caFile) || !existsSync(FAKE_ENTRA_CA_FILE)) return false;
  return readFileSync(caFile, "utf8").includes(readFileSync(FAKE_ENTRA_CA_FILE, "utf8").trim());
}

/**
 * The file to put in NODE_EXTRA_CA_CERTS: the fake's certificate alone, or, when the environment already
 * names a CA file (a proxy's, the system bundle), a bundle of both.
 */
export async function caFileForNode(existing: string | undefined = process.env.NODE_EXTRA_CA_CERTS): Promise<string> {
  const { certPem } = await serverCertificate();
  if (trustsFakeCertificate(existing)) return path.resolve(existing!);
  if (!existing || !existsSync(existing)) return FAKE_ENTRA_CA_FILE;
  writeAtomically(FAKE_ENTRA_CA_BUNDLE, `${certPem.trim()}\n${readFileSync(existing, "utf8")}`, 0o644);
  return FAKE_ENTRA_CA_BUNDLE;
}
