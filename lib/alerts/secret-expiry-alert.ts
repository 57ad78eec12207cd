import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, type EntraConnection } from "@/db/schema";
import { secretExpiryMessage, storedCredentialExpiry, type SecretExpiry } from "@/lib/sync-settings/secret-expiry";
import type { SecretStage } from "./conditions";
import { clearConditions, raiseCondition } from "./raise-and-clear";
import { shortReason } from "./deliver-mail";

/** The stage a secret has reached: within 30, 7 or 1 days, or expired; null while more than 30 days are left. */
export function secretStage(expiry: SecretExpiry): SecretStage | null {
  if (expiry.state === "expired") return "expired";
  if (expiry.state !== "expiring") return null;
  return expiry.daysLeft <= 1 ? "1" : expiry.daysLeft <= 7 ? "7" : "30";
}

async function evaluate(connection: EntraConnection, now: Date) {
  // As the live banner does: the stored credential's date, the secret's or the certificate's.
  const expiry = storedCredentialExpiry(connection, now);
  const stage = secretStage(expiry);
  if (stage) await raiseCondition({ connectionId: connection.id, key: "secret_expiry", stage, summary: secretExpiryMessage(expiry)!, now });
  else await clearConditions(connection.id, ["secret_expiry"], now);
}

/** Opens, escalates or clears the secret's expiry condition from the saved date: of one connection, or all. */
export async function evaluateSecretExpiry(now: Date, connectionId?: string) {
  const connections = await db
    .select()
    .from(entraConnections)
    .where(connectionId ? eq(entraConnections.id, connectionId) : undefined);
  for (const connection of connections) await evaluate(connection, now);
}

/**
 * After the settings are saved: a date moved, or cleared with a new secret, opens, escalates or clears the
 * expiry condition at once (its mail goes out with the alert sweep). Never throws: the settings stay saved.
 */
export async function refreshSecretExpiryAlerts(now = new Date()) {
  try {
    await evaluateSecretExpiry(now);
  } catch (error) {
    console.error(`The client secret's expiry alert could not be updated: ${shortReason(error)}`);
  }
}
