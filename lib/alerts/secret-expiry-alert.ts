import "server-only";
import { and, eq, isNull, isNotNull, or } from "drizzle-orm";
import { db } from "@/db/client";
import { alertConditions, credentials, entraConnections, providerApp } from "@/db/schema";
import {
  credentialDateColumns,
  credentialExpiresSoon,
  credentialOf,
  providerAppExpiryMessage,
  secretExpiryMessage,
  storedCredentialExpiry,
  type SecretExpiry,
} from "@/lib/credentials";
import type { AlertSubject, SecretStage } from "./conditions";
import { clearConditionsById, raiseConditions, type Raise } from "./raise-and-clear";
import { shortReason } from "./deliver-mail";

/** The stage a secret has reached: within 30, 7 or 1 days, or expired; null while more than 30 days are left. */
function secretStage(expiry: SecretExpiry): SecretStage | null {
  if (expiry.state === "expired") return "expired";
  if (expiry.state !== "expiring") return null;
  return expiry.daysLeft <= 1 ? "1" : expiry.daysLeft <= 7 ? "7" : "30";
}

const openExpiry = and(eq(alertConditions.conditionKey, "secret_expiry"), isNull(alertConditions.clearedAt));

/**
 * The stored credential's date of every connection and of the provider app that may have something to say: a
 * date within 30 days of now, or an expiry condition open. Two queries however many connections there are.
 */
async function credentialsNearExpiry(now: Date) {
  const [connections, provider] = await Promise.all([
    db
      .select({
        connectionId: entraConnections.id,
        method: entraConnections.method,
        openId: alertConditions.id,
        openStage: alertConditions.stage,
        ...credentialDateColumns,
      })
      .from(entraConnections)
      .leftJoin(credentials, eq(credentials.connectionId, entraConnections.id))
      .leftJoin(alertConditions, and(eq(alertConditions.connectionId, entraConnections.id), openExpiry))
      .where(or(credentialExpiresSoon(now), isNotNull(alertConditions.id))),
    db
      .select({ openId: alertConditions.id, openStage: alertConditions.stage, ...credentialDateColumns })
      .from(providerApp)
      .leftJoin(credentials, eq(credentials.providerAppId, providerApp.id))
      .leftJoin(alertConditions, and(eq(alertConditions.providerAppId, providerApp.id), openExpiry)),
  ]);
  // The provider app is one row: its date is always looked at.
  return [
    // A connection by the provider's app signs in with the provider app's credential, whose condition is its own.
    ...connections.map(({ connectionId, method, ...row }) => ({
      ...row,
      expiry: credentialOf({ method }, { own: row, providerApp: null }, now).expiry,
      subject: { connectionId } as AlertSubject,
      message: secretExpiryMessage,
    })),
    ...provider.map((row) => ({
      ...row,
      expiry: storedCredentialExpiry(row, now),
      subject: { providerApp: true } as AlertSubject,
      message: providerAppExpiryMessage,
    })),
  ];
}

/**
 * Opens, escalates or clears the expiry condition of every connection's stored credential and of the provider
 * app's, from their saved dates: a constant number of queries for any number of organizations.
 */
export async function evaluateSecretExpiry(now: Date) {
  const raises: Raise[] = [];
  const clears: string[] = [];
  for (const row of await credentialsNearExpiry(now)) {
    // As the live banner does: the stored credential's date, the secret's or the certificate's.
    const { expiry } = row;
    const stage = secretStage(expiry);
    if (stage && stage !== row.openStage)
      raises.push({ subject: row.subject, key: "secret_expiry", stage, summary: row.message(expiry)! });
    else if (!stage && row.openId) clears.push(row.openId);
  }
  await raiseConditions(raises, now);
  await clearConditionsById(clears, now);
}

/**
 * After a connection's settings or the provider app are saved: a date moved, or cleared with a new secret, opens,
 * escalates or clears the expiry condition at once (its mail goes out with the alert sweep). Never throws: the
 * settings stay saved.
 */
export async function refreshSecretExpiryAlerts(now = new Date()) {
  try {
    await evaluateSecretExpiry(now);
  } catch (error) {
    console.error(`The expiry alerts of the stored credentials could not be updated: ${shortReason(error)}`);
  }
}
