import { describe, expect, it } from "vitest";
import { credentialOf } from "@/lib/credentials";

const now = new Date("2026-12-01T12:00:00Z");
const secretExpiring = {
  clientSecretCiphertext: "stored",
  clientSecretExpiresOn: "2026-12-11",
  certificateKeyCiphertext: null,
  certificateExpiresOn: null,
};
const certificateExpired = {
  clientSecretCiphertext: null,
  clientSecretExpiresOn: null,
  certificateKeyCiphertext: "stored",
  certificateExpiresOn: "2026-11-30",
};

describe("which credential an organization signs in with", () => {
  it("is its own app's for a connection by its own app, with that credential's expiry", () => {
    expect(credentialOf({ method: "own_app" }, { own: secretExpiring, providerApp: certificateExpired }, now)).toEqual({
      signsInWith: "own_app",
      expiry: { state: "expiring", expiresOn: "2026-12-11", daysLeft: 10, credential: "client secret" },
    });
  });

  it("is the provider app's for a connection by the provider's app, whatever its own row still holds", () => {
    expect(
      credentialOf({ method: "provider_app" }, { own: secretExpiring, providerApp: certificateExpired }, now),
    ).toEqual({
      signsInWith: "provider_app",
      expiry: { state: "expired", expiresOn: "2026-11-30", credential: "certificate" },
    });
  });

  it("is its own (none yet, nothing to warn about) for an organization without a connection", () => {
    expect(credentialOf(null, { own: null, providerApp: certificateExpired }, now)).toEqual({
      signsInWith: "own_app",
      expiry: { state: "unknown" },
    });
  });
});
