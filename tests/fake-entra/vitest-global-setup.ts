// Vitest globalSetup: makes the fake tenant's certificates before any worker starts and hands the CA file
// to the workers through NODE_EXTRA_CA_CERTS. Node reads that variable only when a process starts, which
// works for the default "forks" pool: its workers start after this runs.
import { appCertificate, caFileForNode, multiTenantAppCertificate } from "./certificates";

export default async function setup() {
  await Promise.all([appCertificate(), multiTenantAppCertificate()]);
  process.env.NODE_EXTRA_CA_CERTS = await caFileForNode();
}
