import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Ciphertext format: v1.<key id>.<iv>.<auth tag>.<ciphertext>, base64url parts. The key id lets
// VERTASK_ENCRYPTION_KEY be rotated: old keys stay readable from VERTASK_PREVIOUS_ENCRYPTION_KEYS.

type Key = { id: string; bytes: Buffer };
type Environment = Record<string, string | undefined>;

// The full GCM tag: Node would otherwise accept a tag cut to as little as 4 bytes when decrypting.
const authTagLength = 16;

function parseKey(base64: string, variable: string): Key {
  const bytes = Buffer.from(base64.trim(), "base64");
  if (bytes.length !== 32) throw new Error(`${variable} must be 32 random bytes in base64 (openssl rand -base64 32).`);
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

function currentKey(env: Environment): Key {
  const value = env.VERTASK_ENCRYPTION_KEY;
  if (!value)
    throw new Error(
      "VERTASK_ENCRYPTION_KEY is not set: the client secret cannot be stored (see docs/operations.md, Environment variables).",
    );
  return parseKey(value, "VERTASK_ENCRYPTION_KEY");
}

function allKeys(env: Environment): Key[] {
  const previous = (env.VERTASK_PREVIOUS_ENCRYPTION_KEYS ?? "").split(",").filter((k) => k.trim());
  return [currentKey(env), ...previous.map((k) => parseKey(k, "VERTASK_PREVIOUS_ENCRYPTION_KEYS"))];
}

/** `purpose` binds the ciphertext to where it is stored, so it cannot be moved to another row. */
export function encryptSecret(plaintext: string, purpose: string, env: Environment = process.env) {
  const key = currentKey(env);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength });
  cipher.setAAD(Buffer.from(purpose));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", key.id, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, purpose: string, env: Environment = process.env) {
  const [version, keyId, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1") throw new Error("The stored secret has an unknown format.");
  const key = allKeys(env).find((k) => k.id === keyId);
  if (!key)
    throw new Error(
      `The stored secret was encrypted with key ${keyId}, which is not configured: add it to VERTASK_PREVIOUS_ENCRYPTION_KEYS.`,
    );
  // GCM accepts tags as short as 4 bytes unless told otherwise, and a short tag is far easier to forge.
  const authTag = Buffer.from(tag ?? "", "base64url");
  if (authTag.length !== authTagLength)
    throw new Error("The stored secret is damaged: its authentication tag is not 16 bytes.");
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), { authTagLength });
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(authTag);
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** The id of the key a stored secret was made with, so an operator can see what to rotate. */
export function secretKeyId(stored: string) {
  return stored.split(".")[1];
}
