import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret, secretKeyId } from "@/lib/crypto/secret-box";

const key = () => randomBytes(32).toString("base64");

describe("the client secret at rest", () => {
  it("is AES-256-GCM ciphertext that does not contain the secret and decrypts back", () => {
    const env = { VERTASK_ENCRYPTION_KEY: key() };
    const stored = encryptSecret("Abc8Q~secret-value-0123456789", "row-1", env);
    expect(stored).not.toContain("secret-value");
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decryptSecret(stored, "row-1", env)).toBe("Abc8Q~secret-value-0123456789");
  });

  it("records which key made it, so an old key still decrypts after rotation", () => {
    const oldKey = key();
    const stored = encryptSecret("the secret", "row-1", { VERTASK_ENCRYPTION_KEY: oldKey });
    const rotated = { VERTASK_ENCRYPTION_KEY: key(), VERTASK_PREVIOUS_ENCRYPTION_KEYS: oldKey };
    expect(decryptSecret(stored, "row-1", rotated)).toBe("the secret");
    expect(secretKeyId(encryptSecret("the secret", "row-1", rotated))).not.toBe(secretKeyId(stored));
    expect(() => decryptSecret(stored, "row-1", { VERTASK_ENCRYPTION_KEY: key() })).toThrow(
      /VERTASK_PREVIOUS_ENCRYPTION_KEYS/,
    );
  });

  it("cannot be decrypted for another row, or after tampering", () => {
    const env = { VERTASK_ENCRYPTION_KEY: key() };
    const stored = encryptSecret("the secret", "row-1", env);
    expect(() => decryptSecret(stored, "row-2", env)).toThrow();
    const parts = stored.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "row-1", env)).toThrow();
  });

  it("refuses a shortened authentication tag, which GCM would otherwise accept from 4 bytes", () => {
    const env = { VERTASK_ENCRYPTION_KEY: key() };
    const parts = encryptSecret("the secret", "row-1", env).split(".");
    for (const length of [4, 8, 12, 15]) {
      const shortened = [...parts];
      shortened[3] = Buffer.from(parts[3], "base64url").subarray(0, length).toString("base64url");
      expect(() => decryptSecret(shortened.join("."), "row-1", env), `${length} bytes`).toThrow(
        "its authentication tag is not 16 bytes",
      );
    }
    expect(decryptSecret(parts.join("."), "row-1", env)).toBe("the secret");
  });

  it("refuses a key that is not 32 bytes of base64", () => {
    expect(() => encryptSecret("x", "row", { VERTASK_ENCRYPTION_KEY: "too-short" })).toThrow(/32 random bytes/);
    expect(() => encryptSecret("x", "row", {})).toThrow(/VERTASK_ENCRYPTION_KEY is not set/);
  });
});
