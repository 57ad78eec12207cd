import bcrypt from "bcryptjs";

const rounds = 11;

export function hashPassword(password: string) {
  return bcrypt.hash(password, rounds);
}

export function verifyPassword(password: string, hash: string) {
  return bcrypt.compare(password, hash);
}
