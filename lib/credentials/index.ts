// A stored Entra credential, a connection's or the provider app's: how it is encrypted, decrypted, described and
// dated, and which one an organization signs in with.
export { type CertificateCredential } from "./certificate-files";
export { credentialOf } from "./credential-of";
export { newCredentialColumns, noCertificate, noSecret, uploadedCertificate } from "./encrypt";
export {
  providerAppExpiryMessage,
  secretExpiry,
  secretExpiryMessage,
  storedCredentialExpiry,
  type SecretExpiry,
} from "./expiry";
export { connectionCredentialPurposes, providerAppCredentialPurposes, staffSignInCredentialPurposes } from "./purposes";
export { decryptCredential, describeCredential, hasCredential } from "./stored";
export { credentialDateColumns, credentialExpiresSoon, hasOwnCredentialSql } from "./credential-dates";
export { saveCredential, storedCredentialColumns } from "./credential-row";
export { clientIdProblem, clientSecretHint, swappedIdsHint, tenantIdProblem } from "./field-checks";
export { credentialFieldProblems, credentialFields } from "./form-fields";
export {
  findProviderApp,
  getProviderAppView,
  providerAppMissingMessage,
  providerAppSettings,
  type ProviderAppView,
} from "./provider-app";
export { providerAppForm, type ProviderAppForm } from "./provider-app-form";
