import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { clients, portalAccounts, portalPasswordResets } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { hashPassword } from "@/lib/auth/passwords";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";
import { sendMail } from "@/lib/mail/send-mail";
import { oneMailAddress } from "@/lib/mail/one-address";
import { hashToken } from "./invitation-token";
import { passwordResetMail } from "./password-reset-mail";
import { activeAccountWithMail } from "./sign-in";

const passwordResetLifetimeMs = 60 * 60_000;

/** The same answer whether or not the address has portal access, so the form reveals nobody. */
const newLinkAnswer =
  "If this address has access to the client portal, a link to set a new password is on its way. It works once, for 1 hour.";

/**
 * "Send me a new link": mails each active portal account with this address a link to set a new password.
 * Every request counts under the sign-in limits for the address (a request proves nothing, so none clears them),
 * and the mail is sent after the answer, so neither the answer nor its timing says whether the address is known.
 */
export async function requestPasswordResetLink(email: string, attempt: SignInAttempt) {
  const normalized = email.trim().toLowerCase();
  await underSignInLimits(`portal-new-link:${normalized}`, attempt, async () => {
    const accounts = await db
      .select({ clientId: clients.id, name: clients.displayName, mail: clients.mail })
      .from(portalAccounts)
      .innerJoin(clients, eq(clients.id, portalAccounts.clientId))
      .where(activeAccountWithMail(normalized));
    const mails = [];
    for (const account of accounts) {
      const recipient = oneMailAddress(account.mail ?? "");
      if ("problem" in recipient) continue;
      const token = randomBytes(32).toString("base64url");
      const [reset] = await db
        .insert(portalPasswordResets)
        .values({
          clientId: account.clientId,
          tokenHash: hashToken(token),
          expiresAt: new Date(Date.now() + passwordResetLifetimeMs),
        })
        .returning({ id: portalPasswordResets.id });
      mails.push(passwordResetMail({ id: reset.id, email: recipient.address }, account.name, token));
    }
    for (const mail of mails) {
      sendMail(mail).catch((error) =>
        console.error(
          `A "new link" mail could not be sent: ${error instanceof Error ? error.message : "unknown error"}`,
        ),
      );
    }
    return null;
  });
  return newLinkAnswer;
}

/** Every new-password link of the client not yet used stops working (marked used, as the one that was). */
export async function voidOpenPasswordResets(tx: Transaction, clientId: string, now: Date) {
  await tx
    .update(portalPasswordResets)
    .set({ usedAt: now })
    .where(and(eq(portalPasswordResets.clientId, clientId), isNull(portalPasswordResets.usedAt)));
}

const usable = (token: string, now: Date) =>
  and(
    eq(portalPasswordResets.tokenHash, hashToken(token)),
    isNull(portalPasswordResets.usedAt),
    gt(portalPasswordResets.expiresAt, now),
  );

/** The client a new-password link is for, while it works: unused, within its hour, the access still active. */
export async function checkPasswordResetLink(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ name: clients.displayName, email: clients.mail })
    .from(portalPasswordResets)
    .innerJoin(clients, eq(clients.id, portalPasswordResets.clientId))
    .innerJoin(portalAccounts, eq(portalAccounts.clientId, portalPasswordResets.clientId))
    .where(and(usable(token, now), eq(clients.status, "active"), eq(portalAccounts.status, "active")));
  return row ?? null;
}

/**
 * Sets a new portal password from a "Send me a new link" link, once. Sessions opened with the old password end
 * (the session version goes up), and every other new-password link of the client stops working.
 */
export async function setPasswordFromResetLink(token: string, password: string, attempt: SignInAttempt) {
  const now = attempt.now ?? new Date();
  return underSignInLimits(`password-reset:${hashToken(token)}`, attempt, async () => {
    const refused = new ActionRefused("This link no longer works: ask for a new one from the sign-in page.");
    if (!(await checkPasswordResetLink(token, now))) throw refused;
    const passwordHash = await hashPassword(password);
    return db.transaction(async (tx) => {
      const [used] = await tx
        .update(portalPasswordResets)
        .set({ usedAt: now })
        .where(usable(token, now))
        .returning({ clientId: portalPasswordResets.clientId });
      if (!used) throw refused;
      await voidOpenPasswordResets(tx, used.clientId, now);
      const [account] = await tx
        .update(portalAccounts)
        .set({ passwordHash, sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
        .where(
          and(
            eq(portalAccounts.clientId, used.clientId),
            eq(portalAccounts.status, "active"),
            sql`EXISTS (SELECT 1 FROM clients WHERE id = ${used.clientId} AND status = 'active')`,
          ),
        )
        .returning({ sessionVersion: portalAccounts.sessionVersion });
      if (!account) throw refused;
      const [client] = await tx
        .select({ name: clients.displayName, mail: clients.mail })
        .from(clients)
        .where(eq(clients.id, used.clientId));
      return { clientId: used.clientId, name: client.name, email: client.mail, sessionVersion: account.sessionVersion };
    });
  });
}
