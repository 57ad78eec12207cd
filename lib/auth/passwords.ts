import bcrypt from "bcryptjs";

const rounds = 11;

/**
 * A hash of a random string nobody knows, at the same cost as real ones: checking a password against it when
 * the email is unknown makes an unknown email take as long as a known one.
 */
export const unknownAccountHash = "$2b$11$7vTofuxG6wPs2a.90b36L.AosuRz6QGSQ/MEcL5zh.4sAZktcguDa";

export function hashPassword(password: string) {
  return bcrypt.hash(password, rounds);
}

export function verifyPassword(password: string, hash: string) {
  return bcrypt.compare(password, hash);
}
