// Vitest globalSetup: makes the fake tenant's certificates before any worker starts and hands the CA file
// to the workers through NODE_EXTRA_CA_CERTS. Node reads that variable only when a process starts, which
// works for the default "forks" pool: its workers start after this runs.
import { appCertificate, caFileForNode } from "./certificates";

export default async function setup() {
  await appCertificate();
  process.env.NODE_EXTRA_CA_CERTS = await caFileForNode();
}
