import { z } from "zod";
import { commonPasswords } from "./common-passwords";

// bcrypt reads only the first 72 bytes: a longer password would be cut silently, so it is refused
// instead (a pre-hash would change the stored format for every existing password).
const bcryptMaxBytes = 72;

/** Why this new password cannot be used, or null when it can. Shown to the person as it is. */
function newPasswordProblem(password: string): string | null {
  if (password.length < 12) return "Use at least 12 characters for the password.";
  if (Buffer.byteLength(password, "utf8") > bcryptMaxBytes) {
    return "Keep the password to 72 bytes (72 plain letters; accented letters and emoji count as 2 to 4).";
  }
  if (commonPasswords.has(password.toLowerCase()))
    return "This password is one of the most common ones: choose another.";
  return null;
}

/** Every form that sets a password (first run, staff, password change, portal) checks it with this. */
export const newPassword = z.string().superRefine((password, context) => {
  const problem = newPasswordProblem(password);
  if (problem) context.addIssue({ code: "custom", message: problem });
});
