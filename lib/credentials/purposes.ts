import type { CredentialPurposes } from "./stored";

/** Binds a connection's stored ciphertexts to its row: they cannot be decrypted after being copied elsewhere. */
export const connectionCredentialPurposes = (connectionId: string): CredentialPurposes => ({
  secret: `entra-client-secret:${connectionId}`,
  certificateKey: `entra-certificate-key:${connectionId}`,
});

/** The provider's multi-tenant app is one row, entered once: its purposes are fixed. */
export const providerAppCredentialPurposes: CredentialPurposes = {
  secret: "provider-app-client-secret",
  certificateKey: "provider-app-certificate-key",
};

/** Staff's Microsoft sign-in app is one row: its purposes are fixed. */
export const staffSignInCredentialPurposes: CredentialPurposes = {
  secret: "staff-sign-in-client-secret",
  certificateKey: "staff-sign-in-certificate-key",
};
