import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { isUuid } from "@/db/is-uuid";
import { staffMicrosoftSignIn, type StaffMicrosoftSignInApp } from "@/db/schema";
import { recordAuditEvent, type Changes } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/auth/field-error";
import {
  clientIdProblem,
  credentialFieldProblems,
  credentialFields,
  describeCredential,
  findProviderApp,
  hasCredential,
  newCredentialColumns,
  saveCredential,
  staffSignInCredentialPurposes,
  uploadedCertificate,
} from "@/lib/credentials";
import { findStaffMicrosoftSignIn, staffMicrosoftRedirectUri } from "./microsoft-sign-in";

// Settings → Sign-in: the provider's own tenant, the app registration staff sign in through (its own, its
// credential encrypted like a connection's, or the provider's multi-tenant app), and whether passwords are refused.

const trimmed = z
  .string()
  .default("")
  .transform((value) => value.trim());

export const staffSignInForm = z
  .object({
    tenantId: trimmed.transform((value) => value.toLowerCase()),
    app: z.enum(["provider", "own"], "Choose which app registration staff sign in through.").default("own"),
    clientId: trimmed,
    requireMicrosoft: z
      .string()
      .optional()
      .transform((value) => value === "on"),
    ...credentialFields,
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) =>
      message && context.addIssue({ code: "custom", path: [path], message });
    problem(
      "tenantId",
      isUuid(form.tenantId)
        ? null
        : "Enter your own tenant's Directory (tenant) ID, a GUID from the Overview page of Microsoft Entra ID.",
    );
    if (form.app === "own") {
      problem("clientId", clientIdProblem(form.clientId));
      credentialFieldProblems(form, { clientId: form.clientId, tenantId: form.tenantId }, problem);
    }
  });

type StaffSignInForm = z.output<typeof staffSignInForm>;

/** Settings → Sign-in as the page shows it: never the secret or the key. */
export async function getStaffSignInView(actor: Actor, now = new Date()) {
  authorize(actor, "superuser");
  const [settings, provider] = await Promise.all([findStaffMicrosoftSignIn(), findProviderApp()]);
  return {
    tenantId: settings?.tenantId ?? "",
    app: settings && !settings.clientId ? ("provider" as const) : ("own" as const),
    clientId: settings?.clientId ?? "",
    requireMicrosoft: settings?.requireMicrosoft ?? false,
    redirectUri: staffMicrosoftRedirectUri(),
    providerAppClientId: provider && hasCredential(provider) ? provider.clientId : null,
    ...describeCredential(settings?.clientId ? settings : null, now),
  };
}

export type StaffSignInView = Awaited<ReturnType<typeof getStaffSignInView>>;

function ownCredentialProblem(form: StaffSignInForm, stored: StaffMicrosoftSignInApp | null, fresh: boolean) {
  if (fresh) return null;
  const field = form.credentialKind === "certificate" ? "certificateKey" : "clientSecret";
  if (!stored?.clientId || !hasCredential(stored))
    return { [field]: "Enter the app's Client secret (its Value) or choose its certificate and private key." };
  if (stored.clientId.toLowerCase() !== form.clientId.toLowerCase())
    return {
      [field]: "Another Application (client) ID needs that app's own Client secret or certificate: enter it too.",
    };
  return null;
}

function changesOf(form: StaffSignInForm, stored: StaffMicrosoftSignInApp | null, newCredential: boolean): Changes {
  const changes: Changes = {};
  const clientId = form.app === "own" ? form.clientId : null;
  if (stored?.tenantId !== form.tenantId) changes["Tenant ID"] = { from: stored?.tenantId ?? "", to: form.tenantId };
  if ((stored?.clientId ?? null) !== clientId || !stored)
    changes["App registration"] = {
      from: stored ? (stored.clientId ?? "the provider's app") : "",
      to: clientId ?? "the provider's app",
    };
  if (newCredential) changes.Credential = { from: hasCredential(stored) ? "stored" : "none", to: "replaced" };
  if ((stored?.requireMicrosoft ?? false) !== form.requireMicrosoft)
    changes["Require Microsoft sign-in"] = { from: stored?.requireMicrosoft ?? false, to: form.requireMicrosoft };
  return changes;
}

/** Saves Settings → Sign-in; the secret is never shown again, the audit row names only what changed. */
export async function saveStaffSignInSettings(actor: Actor, form: StaffSignInForm, now = new Date()) {
  authorize(actor, "superuser");
  const certificate = form.app === "own" ? await uploadedCertificate(form, now) : null;
  if (form.app === "provider") {
    const provider = await findProviderApp();
    if (!provider || !hasCredential(provider))
      throw new FieldError(
        "app",
        "The provider's multi-tenant app is not entered yet (Settings → Organizations → Provider app): choose its own app registration, or enter that app first.",
      );
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('staff_microsoft_sign_in'))`);
    const stored = await findStaffMicrosoftSignIn(tx);
    const credential =
      form.app === "own" ? newCredentialColumns(form, certificate, staffSignInCredentialPurposes, now) : null;
    const problem = form.app === "own" ? ownCredentialProblem(form, stored, credential !== null) : null;
    if (problem) throw new FieldError(problem);
    const changes = changesOf(form, stored, credential !== null);
    if (!Object.keys(changes).length) return "No changes to save.";
    const values = {
      tenantId: form.tenantId,
      clientId: form.app === "own" ? form.clientId : null,
      requireMicrosoft: form.requireMicrosoft,
      updatedAt: now,
    };
    await tx
      .insert(staffMicrosoftSignIn)
      .values({ id: true, ...values })
      .onConflictDoUpdate({ target: staffMicrosoftSignIn.id, set: values });
    if (credential) {
      const expiresOn = certificate ? null : form.clientSecretExpiresOn || null;
      await saveCredential(
        tx,
        { staffMicrosoftSignInId: true },
        { ...credential, clientSecretExpiresOn: expiresOn },
        now,
      );
    }
    await recordAuditEvent(
      tx,
      actor,
      "staff-sign-in.updated",
      `Changed how staff sign in: ${Object.keys(changes).join(", ")}`,
      changes,
    );
    return "Sign-in settings saved. Staff see Sign in with Microsoft on the sign-in page.";
  });
}
