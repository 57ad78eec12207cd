// Staff sign in with Microsoft at the provider's tenant: matched by tid + oid, the first time by email; passwords
// refused when Microsoft is required, except for the account made with npm run create-superuser.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { credentials, staffUsers } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/queries";
import { ForbiddenError, type Actor } from "@/lib/auth/authorize";
import { saveProviderApp } from "@/lib/consent";
import { providerAppForm } from "@/lib/credentials";
import { addStaffMember, createSuperuserFromCommandLine } from "@/lib/staff/commands";
import { recordStaffMicrosoftRefusal, staffForMicrosoftIdentity, staffSignInApp } from "@/lib/staff/microsoft-sign-in";
import { getStaffSignInView, saveStaffSignInSettings, staffSignInForm } from "@/lib/staff/microsoft-sign-in-settings";
import { listStaff } from "@/lib/staff/queries";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO, FABRIKAM, PROVIDER } from "@/tests/fake-entra/default-tenants";
import type { FakeUser } from "@/tests/fake-entra/generated-objects";
import { signInWithMicrosoft } from "@/tests/microsoft-sign-in/fake-sign-in";
import { createActor, resetDatabase } from "../support/database";

const fake = useFakeTenant({ users: 10, devices: 1, seed: "staff-microsoft-sign-in" });
const previousHost = process.env.AZURE_AUTHORITY_HOST;
const REDIRECT_URI = "http://localhost:3000/signin/microsoft/callback";
const fromNowhere = { clientAddress: null };
const PASSWORD = "a long enough password";
let admin: Actor;

/** Enabled members of the tenant with a mail (not guests: their address is not one to match by). */
const enabledUsers = (tenantId: string) => {
  const tenant = fake().tenant(tenantId);
  return Array.from({ length: tenant.users.end }, (_, i) => tenant.users.at(i).value).filter(
    (user) => user.accountEnabled && user.mail && user.externalUserState === null,
  );
};

beforeAll(() => {
  process.env.AZURE_AUTHORITY_HOST = fake().url;
  for (const clientId of [CONTOSO.goodApp.clientId, PROVIDER.multiTenantApp.clientId])
    fake().control.setRedirectUris({ clientId, redirectUris: [REDIRECT_URI] });
});
afterAll(async () => {
  process.env.AZURE_AUTHORITY_HOST = previousHost;
  await closeDatabase();
});
beforeEach(async () => {
  await resetDatabase();
  admin = await createActor("superuser", "Sam Admin");
});

/** Settings → Sign-in as a superuser saves it: Contoso's tenant and its own app, with a client secret. */
async function useContosoApp(extra: Record<string, string> = {}) {
  const form = staffSignInForm.parse({
    tenantId: CONTOSO.tenantId,
    app: "own",
    clientId: CONTOSO.goodApp.clientId,
    credentialKind: "secret",
    clientSecret: CONTOSO.goodApp.secret,
    requireMicrosoft: "off",
    ...extra,
  });
  return saveStaffSignInSettings(admin, form);
}

/** The whole sign-in as the callback route does it: Microsoft's answer checked, then the staff member found. */
async function staffSigningIn(user: FakeUser, tenantId: string, authority = tenantId) {
  const signIn = (await staffSignInApp())!;
  const result = await signInWithMicrosoft(
    fake(),
    { tenantId, userId: user.id },
    { app: signIn.app, tenant: authority },
  );
  if (!result.ok) {
    await recordStaffMicrosoftRefusal(result.refusal);
    return { refusal: result.refusal };
  }
  return { staff: await staffForMicrosoftIdentity(result.identity) };
}

const auditLog = async () =>
  (await listAuditEvents(admin)).reverse().map((event) => `${event.action}: ${event.summary}`);

describe("Settings → Sign-in", () => {
  it("keeps the client secret encrypted, shows the redirect URI to register, and is for superusers only", async () => {
    expect(await useContosoApp()).toMatch(/saved/);
    const [stored] = await db.select().from(credentials).where(eq(credentials.staffMicrosoftSignInId, true));
    expect(stored.clientSecretCiphertext).not.toContain(CONTOSO.goodApp.secret);
    const view = await getStaffSignInView(admin);
    expect(view).toMatchObject({
      tenantId: CONTOSO.tenantId,
      clientId: CONTOSO.goodApp.clientId,
      redirectUri: REDIRECT_URI,
    });
    expect(JSON.stringify(view)).not.toContain(CONTOSO.goodApp.secret);
    const technician = await createActor("technician");
    await expect(getStaffSignInView(technician)).rejects.toThrow(ForbiddenError);
    await expect(
      saveStaffSignInSettings(technician, staffSignInForm.parse({ tenantId: CONTOSO.tenantId, app: "provider" })),
    ).rejects.toThrow(ForbiddenError);
  });

  it("may reuse the provider's multi-tenant app once it is entered", async () => {
    const reuse = staffSignInForm.parse({ tenantId: PROVIDER.tenantId, app: "provider", requireMicrosoft: "off" });
    await expect(saveStaffSignInSettings(admin, reuse)).rejects.toThrow(/not entered yet/);
    await saveProviderApp(
      admin,
      providerAppForm.parse({
        clientId: PROVIDER.multiTenantApp.clientId,
        clientSecret: PROVIDER.multiTenantApp.secret,
      }),
    );
    await saveStaffSignInSettings(admin, reuse);
    const providerStaff = enabledUsers(PROVIDER.tenantId)[0];
    await addStaffMember(admin, {
      name: "Pat Provider",
      email: providerStaff.mail!,
      password: PASSWORD,
      role: "technician",
    });
    const { staff } = await staffSigningIn(providerStaff, PROVIDER.tenantId);
    expect(staff?.email).toBe(providerStaff.mail!.toLowerCase());
  });
});

describe("matching staff", () => {
  it("links a staff member on their first sign-in by email (any case), then matches them by oid after an email change", async () => {
    await useContosoApp();
    const user = enabledUsers(CONTOSO.tenantId)[0];
    const { id } = await addStaffMember(admin, {
      name: "Tia Tech",
      email: user.mail!.toUpperCase(),
      password: PASSWORD,
      role: "technician",
    });
    expect((await staffSigningIn(user, CONTOSO.tenantId)).staff?.id).toBe(id);
    expect((await listStaff(admin)).find((member) => member.id === id)?.microsoftLinked).toBe(true);

    // Both addresses change: the link (tid + oid) is what counts from now on.
    fake().control.updateUser({ id: user.id, changes: { mail: "tia.renamed@contoso.example" } });
    await db.update(staffUsers).set({ email: "tia@elsewhere.example" }).where(eq(staffUsers.id, id));
    expect((await staffSigningIn(user, CONTOSO.tenantId)).staff?.id).toBe(id);

    const log = await auditLog();
    expect(log.filter((line) => line.startsWith("staff.microsoft-linked"))).toHaveLength(1);
    expect(log.filter((line) => line.startsWith("staff.microsoft-sign-in:"))).toEqual([
      "staff.microsoft-sign-in: Tia Tech signed in with Microsoft",
      "staff.microsoft-sign-in: Tia Tech signed in with Microsoft",
    ]);
  });

  it("refuses someone of the tenant with no staff account, and says so only in the audit log", async () => {
    await useContosoApp();
    const stranger = enabledUsers(CONTOSO.tenantId)[1];
    expect(await staffSigningIn(stranger, CONTOSO.tenantId)).toEqual({ staff: null });
    expect((await auditLog()).at(-1)).toContain(`staff.microsoft-sign-in.refused: Refused ${stranger.mail}`);
  });

  it("refuses a user of another tenant even when their email is a staff member's", async () => {
    await saveProviderApp(
      admin,
      providerAppForm.parse({
        clientId: PROVIDER.multiTenantApp.clientId,
        clientSecret: PROVIDER.multiTenantApp.secret,
      }),
    );
    await saveStaffSignInSettings(
      admin,
      staffSignInForm.parse({ tenantId: PROVIDER.tenantId, app: "provider", requireMicrosoft: "off" }),
    );
    const outsider = enabledUsers(FABRIKAM.tenantId)[0];
    await addStaffMember(admin, { name: "Same Mail", email: outsider.mail!, password: PASSWORD, role: "superuser" });
    // The multi-tenant app signs the Fabrikam user in at Fabrikam: a genuine token, of the wrong tenant.
    expect(await staffSigningIn(outsider, FABRIKAM.tenantId)).toEqual({ staff: null });
    expect((await auditLog()).at(-1)).toMatch(/refused: .*not of the tenant staff sign in from/);
    expect((await listStaff(admin)).every((member) => !member.microsoftLinked)).toBe(true);
  });

  it("does not link a guest of the tenant by an email another directory vouched for", async () => {
    await useContosoApp();
    const guest = fake().control.addUser({
      tenantId: CONTOSO.tenantId,
      displayName: "Mallory Guest",
      userType: "Guest",
      mail: "tia@msp.example",
      userPrincipalName: `tia_msp.example#EXT#@${CONTOSO.domain}`,
      externalUserState: "Accepted",
      accountEnabled: true,
    });
    await addStaffMember(admin, { name: "Tia Tech", email: "tia@msp.example", password: PASSWORD, role: "technician" });
    expect(await staffSigningIn(guest, CONTOSO.tenantId)).toEqual({ staff: null });
    expect((await listStaff(admin)).every((member) => !member.microsoftLinked)).toBe(true);
  });

  it("records Microsoft's refusal of a disabled account (AADSTS50057)", async () => {
    await useContosoApp();
    const user = enabledUsers(CONTOSO.tenantId)[2];
    await addStaffMember(admin, { name: "Leaver", email: user.mail!, password: PASSWORD, role: "technician" });
    fake().control.disableUser({ id: user.id });
    const { refusal } = await staffSigningIn(user, CONTOSO.tenantId);
    fake().control.enableUser({ id: user.id });
    expect(refusal).toMatchObject({ reason: "entra-error", aadsts: 50057 });
    expect((await auditLog()).at(-1)).toContain("AADSTS50057");
  });
});

describe("requiring Microsoft sign-in", () => {
  it("refuses staff passwords, but not the superuser made with npm run create-superuser", async () => {
    await addStaffMember(admin, { name: "Tia Tech", email: "tia@msp.example", password: PASSWORD, role: "technician" });
    await createSuperuserFromCommandLine({ name: "Rescue Admin", email: "rescue@msp.example", password: PASSWORD });
    expect(await findStaffBySignIn("tia@msp.example", PASSWORD, fromNowhere)).not.toBeNull();

    await useContosoApp({ requireMicrosoft: "on" });
    expect(await findStaffBySignIn("tia@msp.example", PASSWORD, fromNowhere)).toBeNull();
    expect((await findStaffBySignIn("rescue@msp.example", PASSWORD, fromNowhere))?.name).toBe("Rescue Admin");
    expect((await auditLog()).at(-1)).toContain("Require Microsoft sign-in");

    await useContosoApp({ requireMicrosoft: "off" });
    expect(await findStaffBySignIn("tia@msp.example", PASSWORD, fromNowhere)).not.toBeNull();
  });
});
