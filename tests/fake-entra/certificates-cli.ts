// Makes the fake tenant's certificates if they are missing and prints the file for NODE_EXTRA_CA_CERTS
// (a bundle with the CA file the environment already names, if any):
//   NODE_EXTRA_CA_CERTS=$(npx tsx tests/fake-entra/certificates-cli.ts) npx vitest run
import { appCertificate, caFileForNode, multiTenantAppCertificate } from "./certificates";

await Promise.all([appCertificate(), multiTenantAppCertificate()]);
console.log(await caFileForNode());
