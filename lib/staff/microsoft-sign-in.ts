import "server-only";
import { and, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { credentials, staffMicrosoftSignIn, staffUsers, type StaffMicrosoftSignInApp } from "@/db/schema";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import {
  decryptCredential,
  findProviderApp,
  hasCredential,
  staffSignInCredentialPurposes,
  providerAppCredentialPurposes,
  storedCredentialColumns,
} from "@/lib/credentials";
import { appUrl } from "@/lib/mail/app-url";
import type { MicrosoftIdentity, MicrosoftSignInRefusal, SignInApp } from "@/lib/microsoft-sign-in";

// Staff sign in with Microsoft at the provider's own tenant. A staff member is matched by the token's tid + oid;
// the first time by the tenant and the account's email (any case), after which the oid is kept and the email no
// longer matters. Every sign-in, link and refusal is an audit event.

/** The redirect URI to register on the app: Microsoft sends staff back here, exactly as written. */
export const staffMicrosoftRedirectUri = () => `${appUrl()}/signin/microsoft/callback`;

const signInWithMicrosoft: AuditActor = { id: null, name: "Sign in with Microsoft" };

export async function findStaffMicrosoftSignIn(
  tx: Transaction | typeof db = db,
): Promise<StaffMicrosoftSignInApp | null> {
  const [row] = await tx
    .select({ ...getTableColumns(staffMicrosoftSignIn), ...storedCredentialColumns })
    .from(staffMicrosoftSignIn)
    .leftJoin(credentials, eq(credentials.staffMicrosoftSignInId, staffMicrosoftSignIn.id))
    .limit(1);
  return row ?? null;
}

/** What the sign-in page offers: Sign in with Microsoft once an app with a credential is set, and whether it is required. */
export async function staffMicrosoftSignInOffer() {
  const settings = await findStaffMicrosoftSignIn();
  if (!settings) return { offered: false, required: false };
  const app = settings.clientId ? settings : await findProviderApp();
  return { offered: hasCredential(app), required: settings.requireMicrosoft };
}

/** The app and tenant staff sign in through, credential decrypted for this one sign-in; null when not set up. */
export async function staffSignInApp(): Promise<{ app: SignInApp; tenantId: string } | null> {
  const settings = await findStaffMicrosoftSignIn();
  if (!settings) return null;
  const redirectUri = staffMicrosoftRedirectUri();
  if (settings.clientId) {
    if (!hasCredential(settings)) return null;
    const credential = decryptCredential(settings, staffSignInCredentialPurposes);
    return { tenantId: settings.tenantId, app: { clientId: settings.clientId, credential, redirectUri } };
  }
  const provider = await findProviderApp();
  if (!provider || !hasCredential(provider)) return null;
  const credential = decryptCredential(provider, providerAppCredentialPurposes);
  return { tenantId: settings.tenantId, app: { clientId: provider.clientId, credential, redirectUri } };
}

const who = (identity: MicrosoftIdentity) =>
  `${identity.email ?? "no email"} (tenant ${identity.tenantId}, object id ${identity.objectId})`;

/** Records a refused sign-in: what Microsoft or Vertask refused, for the audit log only. */
export async function recordStaffMicrosoftRefusal(refusal: MicrosoftSignInRefusal) {
  await db.transaction((tx) =>
    recordAuditEvent(
      tx,
      signInWithMicrosoft,
      "staff.microsoft-sign-in.refused",
      `Refused a sign-in: ${refusal.detail}`,
    ),
  );
}

/**
 * The staff member a verified Microsoft identity is, linking the account at its first sign-in; null (and an
 * audit event) for anyone else. Only the tenant set under Settings → Sign-in is let in.
 */
export async function staffForMicrosoftIdentity(identity: MicrosoftIdentity) {
  return db.transaction(async (tx) => {
    const settings = await findStaffMicrosoftSignIn(tx);
    const refuse = async (why: string) => {
      await recordAuditEvent(
        tx,
        signInWithMicrosoft,
        "staff.microsoft-sign-in.refused",
        `Refused ${who(identity)}: ${why}`,
      );
      return null;
    };
    if (!settings || settings.tenantId.toLowerCase() !== identity.tenantId)
      return refuse("not of the tenant staff sign in from");
    const [linked] = await tx
      .select()
      .from(staffUsers)
      .where(
        and(eq(staffUsers.microsoftTenantId, identity.tenantId), eq(staffUsers.microsoftObjectId, identity.objectId)),
      );
    if (linked) {
      await recordAuditEvent(tx, linked, "staff.microsoft-sign-in", `${linked.name} signed in with Microsoft`);
      return linked;
    }
    if (!identity.email) return refuse("no staff account is linked to this Microsoft account, and it has no email");
    const [byEmail] = await tx
      .select()
      .from(staffUsers)
      .where(
        and(sql`lower(${staffUsers.email}) = ${identity.email.toLowerCase()}`, isNull(staffUsers.microsoftObjectId)),
      )
      .for("update");
    if (!byEmail) return refuse("no staff account is linked to this Microsoft account or has its email");
    const [staff] = await tx
      .update(staffUsers)
      .set({ microsoftTenantId: identity.tenantId, microsoftObjectId: identity.objectId, updatedAt: new Date() })
      .where(and(eq(staffUsers.id, byEmail.id), isNull(staffUsers.microsoftObjectId)))
      .returning();
    if (!staff) return refuse("the staff account with its email was linked to another Microsoft account meanwhile");
    await recordAuditEvent(
      tx,
      staff,
      "staff.microsoft-linked",
      `Linked ${staff.name} to the Microsoft account ${who(identity)}`,
    );
    await recordAuditEvent(tx, staff, "staff.microsoft-sign-in", `${staff.name} signed in with Microsoft`);
    return staff;
  });
}
