import { z } from "zod";

const validAddress = z.email();

/**
 * The one address a mail may go to, or why there is none. Entra's `mail` can hold a list ("a@x.com; b@y.com")
 * that a mail server would deliver to everyone on it: an invitation link belongs to one person only.
 */
export function oneMailAddress(value: string): { address: string } | { problem: string } {
  const trimmed = value.trim();
  const parts = trimmed.split(/[,;\s]+/).filter((part) => part.includes("@"));
  if (parts.length > 1)
    return {
      problem: `The address in Entra, "${trimmed}", holds more than one address: correct it in Entra, then resend.`,
    };
  if (!validAddress.safeParse(trimmed).success)
    return {
      problem: `The address in Entra, "${trimmed}", is not a valid email address: correct it in Entra, then resend.`,
    };
  return { address: trimmed };
}
